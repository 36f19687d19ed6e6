// Beställning av SITHS-kort: the order guide's table, one row per card. A table on a wide screen, each
// row a stacked group on a phone; every input is labelled with its row number ("Personnummer, rad 2").
// "Lägg till ny rad" and "Ta bort" are submit buttons that work without JavaScript; scripts/siths-rows.js
// does the same in place, renumbering from the blank row in the template.
import { SITHS_MAX_ROWS } from '../../domain/index.js';
import { type FormErrors, fieldId } from '../forms.js';
import { type SithsRowValues, emptyRow } from '../new-case-form.js';

const errorFor = (errors: FormErrors, name: string) => errors.find((e) => e.field === name)?.message;

/** The label of a cell: the column's words, the row number for screen readers, and whether it is required. */
function CellLabel(props: { for: string; text: string; row: number; required?: boolean }) {
  return (
    <label class="ds-label kp-siths__label" for={props.for}>
      {props.text}
      <span class="ds-sr-only">
        , rad <span data-row-number>{props.row}</span>
      </span>
      {props.required !== undefined && <span class="kp-need"> {props.required ? '(obligatoriskt)' : '(frivilligt)'}</span>}
    </label>
  );
}

interface CellProps {
  path: string;
  row: number;
  errors: FormErrors;
  autofocus?: boolean;
}

/** The error beside a field and the attributes that tie the two together. */
function errorParts(p: CellProps, hintId?: string) {
  const id = fieldId(p.path);
  const error = errorFor(p.errors, p.path);
  const describedBy = [hintId, error && `${id}-fel`].filter(Boolean).join(' ') || undefined;
  const message = error && (
    <p class="ds-validation-message" id={`${id}-fel`} data-color="danger">
      {error}
    </p>
  );
  return { id, message, attrs: { id, name: p.path, 'aria-describedby': describedBy, 'aria-invalid': error ? 'true' : undefined, autofocus: p.autofocus } };
}

function TextCell(props: CellProps & { label: string; required: boolean; value: string; type?: 'text' | 'email'; hint?: string; inputmode?: 'numeric' }) {
  const hintId = props.hint ? `${fieldId(props.path)}-tips` : undefined;
  const { id, message, attrs } = errorParts(props, hintId);
  return (
    <td class="kp-siths__cell">
      <CellLabel for={id} text={props.label} row={props.row} required={props.required} />
      {props.hint && (
        <p class="ds-paragraph kp-hint kp-siths__hint" id={hintId} data-size="sm">
          {props.hint}
        </p>
      )}
      {message}
      <input class="ds-input" type={props.type ?? 'text'} value={props.value} inputmode={props.inputmode} {...attrs} />
    </td>
  );
}

function SithsRow(props: { index: number; row: SithsRowValues; errors: FormErrors; pickupOffices: readonly string[]; removable: boolean; focus?: string | undefined }) {
  const { index, row, errors } = props;
  const n = index + 1;
  const cell = (field: string): CellProps => {
    const path = `rows.${index}.${field}`;
    return { path, row: n, errors, autofocus: props.focus === path || undefined };
  };
  const pickup = errorParts(cell('pickupOffice'));
  const own = errorParts(cell('ownCardOffice'));
  return (
    <tr data-row id={fieldId(`rows.${index}`)} tabindex={-1}>
      <th scope="row" class="kp-siths__row-head">
        Rad <span data-row-number>{n}</span>
      </th>
      <TextCell {...cell('name')} label="För- och efternamn" required value={row.name} />
      <TextCell {...cell('personnummer')} label="Personnummer" required value={row.personnummer} hint="ÅÅÅÅMMDDXXXX" inputmode="numeric" />
      <TextCell {...cell('email')} label="E-postadress" required type="email" value={row.email} />
      <TextCell {...cell('otherInfo')} label="Övrig information" required={false} value={row.otherInfo} />
      <td class="kp-siths__cell">
        <CellLabel for={pickup.id} text="Vilket kortutlämningskontor ska SITHS-kortet hämtas ut på?" row={n} />
        {pickup.message}
        <select class="ds-input" {...pickup.attrs}>
          <option value="">Välj ett alternativ</option>
          {props.pickupOffices.map((office) => (
            <option value={office} selected={office === row.pickupOffice}>
              {office}
            </option>
          ))}
        </select>
      </td>
      <td class="kp-siths__cell">
        {own.message}
        <div class="kp-check">
          <input class="ds-input" type="checkbox" value="ja" checked={row.ownCardOffice} {...own.attrs} />
          <CellLabel for={own.id} text="Eget kortkontor" row={n} />
        </div>
      </td>
      <td class="kp-siths__cell kp-siths__remove">
        <button type="submit" name="rad" value={`ta-bort-${n}`} class="ds-button" data-variant="tertiary" data-color="danger" data-size="sm" hidden={!props.removable}>
          Ta bort
          <span class="ds-sr-only">
            {' '}
            rad <span data-row-number>{n}</span>
          </span>
        </button>
      </td>
    </tr>
  );
}

export function SithsRows(props: {
  rows: SithsRowValues[];
  errors: FormErrors;
  pickupOffices: readonly string[];
  /** What the last "Lägg till ny rad" or "Ta bort" did, said in the live region. */
  notice?: string | undefined;
  /** The field or button that gets focus after a row was added or removed. */
  focus?: string | undefined;
}) {
  const rowsError = errorFor(props.errors, 'rows');
  const removable = props.rows.length > 1;
  return (
    <fieldset class="ds-fieldset kp-siths" id={fieldId('rows')} tabindex={-1} aria-describedby={['siths-tips', rowsError && 'falt-rows-fel'].filter(Boolean).join(' ')}>
      <legend class="ds-heading" data-size="xs">
        SITHS-kort som beställs
      </legend>
      <p class="ds-paragraph" id="siths-tips">
        En rad för varje person som ska ha ett kort, högst {SITHS_MAX_ROWS} rader. Välj var kortet ska hämtas ut. Har ni eget kortkontor
        kryssar ni i Eget kortkontor och väljer inget kortutlämningskontor.
      </p>
      {rowsError && (
        <p class="ds-validation-message" id="falt-rows-fel" data-color="danger">
          {rowsError}
        </p>
      )}
      <table class="ds-table kp-siths__table" data-siths-rows data-max={String(SITHS_MAX_ROWS)}>
        <caption class="ds-sr-only">SITHS-kort som beställs</caption>
        <thead>
          <tr>
            <th scope="col">Rad</th>
            <th scope="col">
              För- och efternamn <span class="kp-need">(obligatoriskt)</span>
            </th>
            <th scope="col">
              Personnummer (ÅÅÅÅMMDDXXXX) <span class="kp-need">(obligatoriskt)</span>
            </th>
            <th scope="col">
              E-postadress <span class="kp-need">(obligatoriskt)</span>
            </th>
            <th scope="col">
              Övrig information <span class="kp-need">(frivilligt)</span>
            </th>
            <th scope="col">Vilket kortutlämningskontor ska SITHS-kortet hämtas ut på?</th>
            <th scope="col">Eget kortkontor</th>
            <th scope="col">
              <span class="ds-sr-only">Ta bort rad</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row, index) => (
            <SithsRow index={index} row={row} errors={props.errors} pickupOffices={props.pickupOffices} removable={removable} focus={props.focus} />
          ))}
        </tbody>
      </table>
      <template id="siths-rad-mall">
        <SithsRow index={0} row={emptyRow()} errors={[]} pickupOffices={props.pickupOffices} removable />
      </template>
      <p class="ds-paragraph kp-siths__status" id="siths-rader-status" role="status">
        {props.notice}
      </p>
      <button type="submit" name="rad" value="lagg-till" id={fieldId('lagg-till')} class="ds-button" data-variant="secondary" autofocus={props.focus === 'lagg-till' || undefined}>
        Lägg till ny rad
      </button>
    </fieldset>
  );
}
