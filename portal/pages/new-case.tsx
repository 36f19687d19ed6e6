// Beskriv ärendet (the order guide's step 7 and 8): first "Vad gäller ärendet?", a plain GET form,
// then that type's own fields and the contact block from Mina uppgifter in one POST form.
import { CASE_TYPE_LABELS, type CaseType, type Contact, SITHS_DEFAULT_SUBJECT } from '../../domain/index.js';
import { Checkbox, CsrfField, ErrorSummary, type FormErrors, IntentKeyField, TextArea, TextField, fieldId, formTitle } from '../forms.js';
import { Layout, type Viewer } from '../layout.js';
import type { NewCaseValues } from '../new-case-form.js';
import { summaryText } from '../new-case-form.js';
import { SithsRows } from './siths-rows.js';

export const NEW_CASE_PATH = '/mina-sidor/nytt-arende';

/** The seed's words for a person who may not order. */
const NO_ORDER_RIGHT =
  'Du kan inte göra beställningar. Om du behöver särskild behörighet för att till exempel beställa tjänster, kontakta den lokala administratören i din organisation.';

const TYPE_HINTS: Partial<Record<CaseType, string>> = {
  siths_order: 'Ett kort för varje person. Du kan beställa kort till flera personer i samma ärende.',
  other: 'När inget av de andra alternativen stämmer, till exempel när flera personer behöver medarbetaruppdrag på olika enheter.',
};

export interface CaseForm {
  type: CaseType;
  key: string;
  values: NewCaseValues;
  errors: FormErrors;
  /** The account's contact block: the organisation and personnummer shown, not changed here. */
  account: Contact;
  pickupOffices: readonly string[];
  rowNotice?: string | undefined;
  focus?: string | undefined;
}

export interface NewCasePageProps {
  viewer: Viewer | undefined;
  /** The types this person may submit (services/cases.ts submittableCaseTypes). */
  types: CaseType[];
  mayOrder: boolean;
  /** An error of the first step: no type chosen, or one that does not exist. */
  typeError?: string | undefined;
  form?: CaseForm | undefined;
}

function TypeChoice(props: { types: CaseType[]; chosen: CaseType | undefined; error: string | undefined; mayOrder: boolean }) {
  const errorId = `${fieldId('type')}-fel`;
  return (
    <form method="get" action={NEW_CASE_PATH} class="kp-form">
      <fieldset class="ds-fieldset" aria-describedby={[!props.mayOrder && 'ingen-bestallning', props.error && errorId].filter(Boolean).join(' ') || undefined}>
        <legend class="ds-heading" data-size="sm">
          Vad gäller ärendet?
        </legend>
        {!props.mayOrder && (
          <p class="ds-paragraph" id="ingen-bestallning">
            {NO_ORDER_RIGHT}
          </p>
        )}
        {props.error && (
          <p class="ds-validation-message" id={errorId} data-color="danger">
            {props.error}
          </p>
        )}
        {props.types.map((type, i) => {
          const id = i === 0 ? fieldId('type') : `${fieldId('type')}-${type}`;
          const hint = TYPE_HINTS[type];
          return (
            <div class="ds-field">
              <input
                class="ds-input"
                type="radio"
                name="typ"
                value={type}
                id={id}
                checked={props.chosen === type}
                aria-describedby={hint ? `${id}-tips` : undefined}
                aria-invalid={props.error ? 'true' : undefined}
              />
              <label class="ds-label" for={id}>
                {CASE_TYPE_LABELS[type]}
              </label>
              {hint && (
                <p class="ds-paragraph kp-hint" id={`${id}-tips`} data-size="sm">
                  {hint}
                </p>
              )}
            </div>
          );
        })}
      </fieldset>
      <button type="submit" class="ds-button" data-variant={props.chosen ? 'secondary' : 'primary'}>
        {props.chosen ? 'Byt ärendetyp' : 'Fortsätt'}
      </button>
    </form>
  );
}

function FreeTextFields({ form, withService }: { form: CaseForm; withService: boolean }) {
  const { values: v, errors } = form;
  return (
    <>
      <TextField name="subject" label="Rubrik" required value={v.subject} errors={errors} />
      <TextArea name="description" label="Beskrivning" required value={v.description} errors={errors} />
      {withService && <TextField name="service" label="Tjänst" hint="Vilken tjänst ärendet gäller, till exempel SITHS eID." required={false} value={v.service} errors={errors} />}
    </>
  );
}

function ContactBlock({ form }: { form: CaseForm }) {
  const { values: v, errors, account } = form;
  const pnr = account.personnummer.replace(/^(\d{8})(\d{4})$/, '$1-$2');
  return (
    <fieldset class="kp-contact">
      <legend>Dina kontaktuppgifter</legend>
      <p class="ds-paragraph">
        Uppgifterna kommer från Mina uppgifter. Ändrar du något här gäller det bara det här ärendet. Vi skickar besked om ärendet till
        e-postadressen.
      </p>
      <dl class="kp-facts">
        <dt>Organisation</dt>
        <dd id={fieldId('contact.organisationName')}>{account.organisationName}</dd>
        <dt>Organisationsnummer</dt>
        <dd id={fieldId('contact.organisationsnummer')}>{account.organisationsnummer}</dd>
        <dt>Personnummer</dt>
        <dd id={fieldId('contact.personnummer')}>{pnr}</dd>
      </dl>
      <TextField name="contact.unitName" label="Enhetens namn" required={false} value={v.contact.unitName} errors={errors} />
      <TextField name="contact.name" label="Namn" required autocomplete="name" value={v.contact.name} errors={errors} />
      <TextField name="contact.email" label="E-postadress" type="email" required autocomplete="email" value={v.contact.email} errors={errors} />
      <Checkbox name="contact.notifyByEmail" label="Jag vill bli notifierad via e-post" checked={v.contact.notifyByEmail} errors={errors} />
    </fieldset>
  );
}

function CaseFields({ form, viewer }: { form: CaseForm; viewer: Viewer | undefined }) {
  const { type, values: v, errors } = form;
  return (
    <section class="kp-section" aria-labelledby={fieldId('arende')}>
      <h2 class="ds-heading" data-size="md" id={fieldId('arende')} tabindex={-1}>
        {CASE_TYPE_LABELS[type]}
      </h2>
      <form method="post" action={NEW_CASE_PATH} class="kp-form kp-new-case" novalidate>
        {/* Enter in a field sends the case: the first submit button is the default, so it must not be a row's "Ta bort". */}
        <button type="submit" hidden tabindex={-1}>
          Skicka in
        </button>
        <CsrfField token={viewer?.csrfToken} />
        <IntentKeyField value={form.key} />
        <input type="hidden" name="type" value={type} />
        {type === 'siths_order' ? (
          <>
            <TextField
              name="subject"
              label="Rubrik"
              hint={`Lämnar du rubriken tom blir den ”${SITHS_DEFAULT_SUBJECT}”.`}
              required={false}
              value={v.subject}
              errors={errors}
            />
            <SithsRows rows={v.rows} errors={errors} pickupOffices={form.pickupOffices} notice={form.rowNotice} focus={form.focus} />
          </>
        ) : (
          <FreeTextFields form={form} withService={type !== 'other'} />
        )}
        <ContactBlock form={form} />
        <button type="submit" class="ds-button" data-variant="primary">
          Skicka in ärendet
        </button>
      </form>
    </section>
  );
}

export function NewCasePage(props: NewCasePageProps) {
  const { form } = props;
  const errors: FormErrors = props.typeError ? [{ field: 'type', message: props.typeError }] : summaryText(form?.errors ?? []);
  const title = form ? `Beskriv ärendet – ${CASE_TYPE_LABELS[form.type]}` : 'Beskriv ärendet';
  return (
    <Layout title={formTitle(title, errors)} viewer={props.viewer}>
      <h1 class="ds-heading" data-size="lg">
        Beskriv ärendet
      </h1>
      <ErrorSummary errors={errors} />
      <p class="ds-paragraph" data-variant="long">
        Här kan du ställa frågor om våra tjänster, anmäla fel och lämna förbättringsförslag.
        {props.mayOrder ? ' Du kan också göra beställningar.' : ''} Välj vad ärendet gäller, så visas de uppgifter vi behöver.
      </p>
      <TypeChoice types={props.types} chosen={form?.type} error={props.typeError} mayOrder={props.mayOrder} />
      {form && <CaseFields form={form} viewer={props.viewer} />}
    </Layout>
  );
}
