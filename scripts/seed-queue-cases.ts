// Seeds a realistic back office in bulk for scripts/bench-queues.ts: ~500 organisations, their
// accounts, 20 handlers and `count` cases made by one generate_series statement, each with its
// first timeline event. Deterministic
// (hashes of the row number, no random()), so two runs plan and measure the same data.
import { sql } from 'kysely';
import type { Db } from '../db/client.js';
import type { PersonalDataCipher } from '../db/personal-data.js';
import { caseSubmissionSchema } from '../domain/index.js';
import { PICKUP_OFFICE, contact, organisationsnummer, personnummer, question, sithsOrder } from './sample-cases.js';

const PLACES = [
  'Stockholm', 'Göteborg', 'Malmö', 'Uppsala', 'Västerås', 'Örebro', 'Linköping', 'Helsingborg', 'Jönköping', 'Norrköping',
  'Lund', 'Umeå', 'Gävle', 'Borås', 'Södertälje', 'Eskilstuna', 'Halmstad', 'Växjö', 'Karlstad', 'Sundsvall',
  'Östersund', 'Trollhättan', 'Luleå', 'Borlänge', 'Kristianstad', 'Kalmar', 'Falun', 'Skövde', 'Karlskrona', 'Skellefteå',
  'Uddevalla', 'Varberg', 'Åkersberga', 'Örnsköldsvik', 'Landskrona', 'Nyköping', 'Vallentuna', 'Motala', 'Trelleborg', 'Ängelholm',
  'Karlskoga', 'Märsta', 'Lidköping', 'Alingsås', 'Piteå', 'Sandviken', 'Ystad', 'Visby', 'Kiruna', 'Härnösand',
  'Mölndal', 'Kungsbacka', 'Enköping', 'Katrineholm', 'Falkenberg', 'Hässleholm', 'Vänersborg', 'Köping', 'Kumla', 'Arvika',
  'Mora', 'Ludvika', 'Avesta', 'Hudiksvall', 'Söderhamn', 'Bollnäs', 'Ljungby', 'Värnamo', 'Nässjö', 'Vetlanda',
  'Oskarshamn', 'Västervik', 'Mjölby', 'Tranås', 'Finspång', 'Katrineholm Väst', 'Strängnäs', 'Sala', 'Fagersta', 'Arboga',
  'Kristinehamn', 'Säffle', 'Mariestad', 'Falköping', 'Tidaholm', 'Ulricehamn', 'Kungälv', 'Stenungsund', 'Lysekil', 'Strömstad',
  'Höganäs', 'Eslöv', 'Höör', 'Simrishamn', 'Sölvesborg', 'Ronneby', 'Karlshamn', 'Olofström', 'Boden', 'Gällivare',
];
const KINDS = ['Region {}', '{} kommun', 'Vårdcentralen {}', 'Tandvården {} AB', 'Hälsocentralen {}'];
const FIRST = ['Åsa', 'Erik', 'Maria', 'Lars', 'Karin', 'Anders', 'Eva', 'Johan', 'Anna', 'Per', 'Lena', 'Björn', 'Sofia', 'Mikael', 'Ingrid', 'Göran'];
const LAST = ['Öberg', 'Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson', 'Gustafsson', 'Lindström', 'Åkesson', 'Bäckström'];

export const SEED_HANDLERS = 20;
const ACCOUNTS_PER_ORGANISATION = 5;
/** Words of subjects, for searches: every case but SITHS orders names one object (~4 % each). */
export const SUBJECT_OBJECTS = [
  'inloggning med SITHS eID', 'kortläsare', 'certifikat', 'lösenordsbyte', 'journalsystemet', 'e-tjänstekort', 'behörigheter',
  'fakturering', 'mobilt BankID', 'reservkort', 'spärr av kort', 'PIN-kod', 'HSA-katalogen', 'Freja eID', 'utskrift av kort',
  'videomöte', 'receptförskrivning', 'tidbokning', 'vårdadministration', 'nätverksanslutning',
];
/** About one case in a thousand is marked with this word. */
export const RARE_SUBJECT_WORD = 'brådskande';

const organisationsnummerOf = (serial: number) => {
  const nine = `2120${String(serial).padStart(5, '0')}`;
  return organisationsnummer(nine.slice(0, 6), Number(nine.slice(6)));
};

export interface SeedResult {
  organisationIds: number[];
  handlerIds: number[];
}

export async function seedQueueCases(db: Db, cipher: PersonalDataCipher, count: number): Promise<SeedResult> {
  const names = KINDS.flatMap((kind) => PLACES.map((place) => kind.replace('{}', place)));
  const organisationIds = (
    await db
      .insertInto('organisations')
      .values(names.map((name, i) => ({ organisationsnummer: organisationsnummerOf(i + 1), name, verifiedAt: new Date() })))
      .returning('id')
      .execute()
  ).map((r) => r.id);

  const accounts = organisationIds.flatMap((organisationId, o) =>
    Array.from({ length: ACCOUNTS_PER_ORGANISATION }, (_, j) => {
      const n = o * ACCOUNTS_PER_ORGANISATION + j;
      const pnr = personnummer(`19${60 + (n % 40)}0${1 + (n % 9)}1${n % 10}`, n % 1000);
      const name = `${FIRST[n % FIRST.length]} ${LAST[(n * 7) % LAST.length]}`;
      return {
        organisationId,
        personnummerEnc: cipher.seal(pnr),
        personnummerHash: cipher.hash(`${pnr}:${n}`), // the generated numbers repeat; the hash must not
        name,
        email: `${name.toLowerCase().replace(/[^a-zåäö]+/g, '.')}.${n}@exempel.se`,
      };
    }),
  );
  const accountIds: number[] = [];
  for (let i = 0; i < accounts.length; i += 1000) {
    const rows = await db.insertInto('customer_accounts').values(accounts.slice(i, i + 1000)).returning('id').execute();
    accountIds.push(...rows.map((r) => r.id));
  }

  const handlerIds = (
    await db
      .insertInto('staff')
      .values(
        Array.from({ length: SEED_HANDLERS }, (_, i) => ({
          name: `${FIRST[(i * 5) % FIRST.length]} ${LAST[(i * 3) % LAST.length]}`,
          email: `handlaggare${i + 1}@kundportal.local`,
          role: 'handler' as const,
        })),
      )
      .returning('id')
      .execute()
  ).map((r) => r.id);

  // Real sealed submissions, so the case detail opens them as it would in production.
  const schema = caseSubmissionSchema({ pickupOffices: [PICKUP_OFFICE] });
  const email = 'kontakt@exempel.se';
  const seal = (raw: unknown) => cipher.sealSubmission(schema.parse(raw));
  const freeText = (type: string) => ({ ...question(email), type, contact: contact(email) });
  const payloads = {
    question: seal(question(email)),
    fault_report: seal(freeText('fault_report')),
    improvement: seal(freeText('improvement')),
    order: seal(freeText('order')),
    siths_order: seal(sithsOrder(email, 3)),
    other: seal((({ service: _, ...rest }) => ({ ...rest, type: 'other' }))(question(email))),
  };

  // u(k): a uniform number in [0, 1) per row and salt k.
  const u = (k: number) => sql`((hashint8(i * 7 + ${sql.lit(k)}) & 2147483647)::float8 / 2147483648)`;
  await sql`
    insert into cases (case_number, year, seq, type, status, subject, payload, organisation_id, reporter_id,
                       assignee_id, resolution, version, workflow_started_at, created_at, updated_at, closed_at)
    select 'KP-' || year || '-' || lpad(seq::text, greatest(5, length(seq::text)), '0'), year, seq, type, status, subject,
           case when type = 'siths_order' then payload
                else jsonb_set(payload, '{subject}', to_jsonb(subject)) end,
           organisation_id, reporter_id,
           case when status = 'submitted' then null else assignee_id end,
           case when status = 'closed' then 'Besvarat och avslutat.' end,
           case when status = 'submitted' then 1 else 2 + (i % 5)::int end,
           created_at, created_at + interval '2 seconds',
           case when status = 'submitted' then created_at else least(now(), created_at + age_hours * interval '1 hour') end,
           case when status = 'closed' then least(now(), created_at + age_hours * interval '1 hour') end
    from (
      select g.*, row_number() over (partition by year order by i) as seq
      from (
        select i, created_at,
               extract(year from created_at at time zone 'Europe/Stockholm')::int as year,
               t.type, s.status,
               case when t.type = 'siths_order' then 'Beställning av SITHS-kort'
                    else (array['Fråga om', 'Problem med', 'Fel vid', 'Förslag gällande', 'Beställning av', 'Hjälp med',
                                'Synpunkter på', 'Frågor kring'])[1 + floor(${u(3)} * 8)::int]
                         || ' ' || (${SUBJECT_OBJECTS}::text[])[1 + floor(${u(4)} * ${SUBJECT_OBJECTS.length})::int]
                         || (array['', '', '', ' på vårdcentralen', ' i receptionen', ' efter uppdatering'])[1 + floor(${u(5)} * 6)::int]
                end || case when i % 997 = 0 then ${` – ${RARE_SUBJECT_WORD}`} else '' end as subject,
               (${JSON.stringify(payloads)}::jsonb) -> t.type as payload,
               -- Skewed: a few large regions, many small units.
               (${organisationIds}::bigint[])[1 + floor(power(${u(6)}, 2) * ${organisationIds.length})::int] as organisation_id,
               (${handlerIds}::bigint[])[1 + floor(${u(7)} * ${handlerIds.length})::int] as assignee_id,
               1 + floor(${u(9)} * 24 * 30) as age_hours,
               floor(power(${u(6)}, 2) * ${organisationIds.length})::int as org_index,
               floor(${u(8)} * ${ACCOUNTS_PER_ORGANISATION})::int as reporter_index
        from generate_series(1, ${count}::int) as i,
             -- Spread over three years, in insertion order like real cases.
             lateral (select now() - interval '3 years' * ((${count} - i)::float8 / ${count}) as created_at) c,
             lateral (select case when ${u(1)} < 0.30 then 'question' when ${u(1)} < 0.55 then 'fault_report'
                                  when ${u(1)} < 0.63 then 'improvement' when ${u(1)} < 0.73 then 'order'
                                  when ${u(1)} < 0.93 then 'siths_order' else 'other' end as type) t,
             -- The newest 5 % hold every new case; open cases are younger than a year.
             lateral (select case when (${count} - i)::float8 / ${count} < 0.05 then
                                   case when ${u(2)} < 0.60 then 'submitted' when ${u(2)} < 0.70 then 'awaiting_customer' else 'in_progress' end
                                  when (${count} - i)::float8 / ${count} < 0.25 then
                                   case when ${u(2)} < 0.225 then 'awaiting_customer' when ${u(2)} < 0.75 then 'in_progress' else 'closed' end
                                  else 'closed' end as status) s
      ) g
    ) r,
    lateral (select (${accountIds}::bigint[])[1 + r.org_index * ${ACCOUNTS_PER_ORGANISATION} + r.reporter_index] as reporter_id) a
  `.execute(db);

  // The first timeline event of every case, so the case detail reads its timeline off a real index.
  await sql`
    insert into case_events (case_id, version, action, actor_type, actor_id, from_status, to_status, created_at)
    select id, 1, 'submit', 'customer', reporter_id, null, 'submitted', created_at from cases
  `.execute(db);

  await sql`
    insert into case_number_counters (year, last_seq)
    select year, max(seq) from cases group by year
    on conflict (year) do update set last_seq = greatest(case_number_counters.last_seq, excluded.last_seq)
  `.execute(db);
  return { organisationIds, handlerIds };
}
