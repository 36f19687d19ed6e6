// Tillgänglighetsredogörelse after Digg's model: how accessible the service is, what is not yet,
// how to report a problem, and the supervisory authority.
import { Layout, type Viewer } from '../layout.js';

export function AccessibilityPage({ viewer }: { viewer: Viewer | undefined }) {
  return (
    <Layout title="Tillgänglighetsredogörelse" viewer={viewer}>
      <h1 class="ds-heading" data-size="lg">
        Tillgänglighetsredogörelse
      </h1>
      <p class="ds-paragraph" data-variant="long">
        Vi vill att så många som möjligt ska kunna använda Kundportalen. Här beskriver vi hur Kundportalen uppfyller lagen
        (2018:1937) om tillgänglighet till digital offentlig service, vilka kända brister som finns och hur du kan rapportera
        problem så att vi kan åtgärda dem.
      </p>

      <h2 class="ds-heading" data-size="md">
        Hur tillgänglig är webbplatsen?
      </h2>
      <p class="ds-paragraph" data-variant="long">
        Kundportalen är delvis förenlig med lagen om tillgänglighet till digital offentlig service, på grund av de brister som
        beskrivs nedan. Sidorna fungerar med tangentbord, skärmläsare och förstoring, på mobil och dator, och även utan
        JavaScript.
      </p>

      <h2 class="ds-heading" data-size="md">
        Innehåll som inte är tillgängligt
      </h2>
      <ul class="ds-list">
        <li>
          Ärendet som PDF är ett komplement. PDF-filen är inte fullt tillgänglig för skärmläsare. Samma uppgifter finns på
          ärendets sida i Kundportalen.
        </li>
        <li>
          Varningen innan du loggas ut för att du varit inaktiv visas bara när JavaScript är på. Utan JavaScript kommer du i stället till en
          sida som säger att du har loggats ut, och du kan logga in igen.
        </li>
        <li>Sidan för e-legitimation kommer från en annan tjänst och omfattas inte av den här redogörelsen.</li>
      </ul>

      <h2 class="ds-heading" data-size="md">
        Rapportera brister
      </h2>
      <p class="ds-paragraph" data-variant="long">
        Om du upptäcker problem som inte beskrivs på den här sidan, eller om du behöver innehåll i ett annat format, vill vi
        gärna veta det. Skriv till oss på <a class="ds-link" href="mailto:tillganglighet@kundportal.se">tillganglighet@kundportal.se</a>{' '}
        och beskriv vad som inte fungerar och på vilken sida.
      </p>

      <h2 class="ds-heading" data-size="md">
        Tillsyn
      </h2>
      <p class="ds-paragraph" data-variant="long">
        Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn över lagen om tillgänglighet till digital offentlig
        service. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du{' '}
        <a class="ds-link" href="https://www.digg.se/tdosanmalan">
          kontakta Digg och påtala det
        </a>
        .
      </p>

      <h2 class="ds-heading" data-size="md">
        Hur vi testat webbplatsen
      </h2>
      <p class="ds-paragraph" data-variant="long">
        Vi testar sidorna automatiskt vid varje ändring: i en riktig webbläsare, med och utan JavaScript, i mobil- och
        datorstorlek, och med verktyget axe mot kraven i WCAG 2.1 nivå A och AA. Automatiska test hittar bara en del av
        problemen. En granskning med tangentbord och skärmläsare återstår.
      </p>
      <p class="ds-paragraph">Redogörelsen uppdaterades senast den 26 november 2026.</p>
    </Layout>
  );
}
