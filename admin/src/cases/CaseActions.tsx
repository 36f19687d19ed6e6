import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import HelpOutlineIcon from '@mui/icons-material/HelpOutlineOutlined';
import LockIcon from '@mui/icons-material/Lock';
import PanToolIcon from '@mui/icons-material/PanTool';
import ReplayIcon from '@mui/icons-material/Replay';
import ReplyIcon from '@mui/icons-material/Reply';
import { Box, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useId, useRef, useState } from 'react';
import { Form, type HttpError, SelectInput, TextInput, required, useDataProvider, useGetIdentity, useGetList, useNotify } from 'react-admin';
import { ACTION_LABELS } from '../../../domain/labels';
import type { HandlerAction } from '../../../domain/statuses';
import { useInvalidateCaseQueries } from '../common/queueCounts';
import { ActionStillRunning, type KundportalDataProvider, newIntentKey } from '../providers/dataProvider';
import type { CaseActionName, CaseDetail, Staff } from '../types';

type FieldErrors = Record<string, string>;
/**
 * 'refused': surely not done (a 4xx); 'failed': perhaps done (network error, 5xx); 'pending': the API
 * took the action and carries it out later.
 */
type Outcome = FieldErrors | 'ok' | 'refused' | 'failed' | 'pending';
/** `key` is the intent's Idempotency-Key: the same key again joins the first attempt. */
type Run = (action: CaseActionName, body: Record<string, unknown>, key: string) => Promise<Outcome>;

/** The domain's name of the action: 'request-info' is 'request_info'. */
const label = (action: CaseActionName) => ACTION_LABELS[action.replace('-', '_') as HandlerAction];

const SUCCESS: Record<CaseActionName, string> = {
  take: 'Du har tagit ärendet.',
  assign: 'Ärendet är tilldelat.',
  reply: 'Svaret är skickat till kunden.',
  note: 'Anteckningen är sparad.',
  'request-info': 'Begäran om komplettering är skickad till kunden.',
  close: 'Ärendet är avslutat.',
  reopen: 'Ärendet är återöppnat.',
};

/** The field errors of a 400, for the dialog's form to show at the fields. */
function fieldErrors(error: unknown): FieldErrors | undefined {
  const { status, body } = error as HttpError;
  const errors = (body as { errors?: unknown } | undefined)?.errors;
  return status === 400 && errors && typeof errors === 'object' && !Array.isArray(errors) ? (errors as FieldErrors) : undefined;
}

/**
 * Runs an action as a react-query mutation of the data provider's caseAction, and puts the case as
 * the API returns it straight into the cache of the case page. Resolves to the field errors of a
 * 400, so the dialog's form shows them at the fields; react-admin's notify tells everything else.
 */
function useCaseAction(record: CaseDetail) {
  const dataProvider = useDataProvider<KundportalDataProvider>();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const invalidate = useInvalidateCaseQueries();
  const thisCase = { queryKey: ['cases', 'getOne', { id: String(record.id) }] };
  const { mutateAsync, isPending } = useMutation({
    mutationFn: ({ action, body, key }: { action: CaseActionName; body: Record<string, unknown>; key: string }) =>
      dataProvider.caseAction(record.id, action, body, key),
    onSuccess: ({ data }, { action }) => {
      // After a 401/403 react-admin has already told the handler; the answer is then empty.
      if (!data?.caseNumber) return;
      queryClient.setQueriesData(thisCase, data);
      invalidate();
      notify(SUCCESS[action], { type: 'success' });
    },
    onError: (error: HttpError) => {
      if (fieldErrors(error)) return;
      if (error instanceof ActionStillRunning) {
        notify(error.message, { type: 'info', multiLine: true });
        invalidate();
        return;
      }
      notify(error.message || 'Åtgärden kunde inte utföras.', { type: 'error', multiLine: true });
      // 409: the workflow refused (the case moved on meanwhile): show the case as it is now.
      if (error.status === 409) {
        void queryClient.invalidateQueries(thisCase);
        invalidate();
      }
    },
  });
  const run: Run = async (action, body, key) => {
    try {
      const { data } = await mutateAsync({ action, body, key });
      return data?.caseNumber ? 'ok' : 'failed';
    } catch (error) {
      if (error instanceof ActionStillRunning) return 'pending';
      const status = (error as Partial<HttpError>)?.status;
      return fieldErrors(error) ?? (typeof status === 'number' && status < 500 ? 'refused' : 'failed');
    }
  };
  return { run, pending: isPending };
}

/**
 * One Idempotency-Key per intent. It is kept while the outcome is uncertain ('failed', 'pending'), so
 * sending again joins the first attempt instead of acting twice, and renewed once the outcome is known.
 * A dialog has its own, so each opening is a new intent; the page's direct buttons share one.
 */
function useIntent(run: Run) {
  const keys = useRef(new Map<CaseActionName, string>());
  return async (action: CaseActionName, body: Record<string, unknown> = {}) => {
    const key = keys.current.get(action) ?? newIntentKey();
    keys.current.set(action, key);
    const outcome = await run(action, body, key);
    if (outcome !== 'failed' && outcome !== 'pending') keys.current.delete(action);
    return outcome;
  };
}

interface DialogSpec {
  action: CaseActionName;
  title: string;
  intro: string;
  submitLabel: string;
  fields: ReactNode;
}

const ActionDialog = ({
  spec,
  open,
  onClose,
  run,
  busy,
}: {
  spec: DialogSpec;
  open: boolean;
  onClose: () => void;
  run: Run;
  busy: boolean;
}) => {
  const titleId = useId();
  const send = useIntent(run);
  const onSubmit = async (values: Record<string, unknown>) => {
    const result = await send(spec.action, values);
    // Pending: the notice says it is being carried out; the dialog has done its part.
    if (result === 'ok' || result === 'pending') onClose();
    else if (typeof result === 'object') return result;
    return undefined;
  };
  return (
    <Dialog open={open} onClose={busy ? undefined : onClose} aria-labelledby={titleId} fullWidth maxWidth="sm">
      {/* The error sits at the field, in view: no extra "invalid form" snackbar. */}
      <Form onSubmit={onSubmit} record={{}} disableInvalidFormNotification>
        <DialogTitle id={titleId}>{spec.title}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{spec.intro}</DialogContentText>
          {spec.fields}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={busy}>
            Avbryt
          </Button>
          <Button type="submit" variant="contained" disabled={busy}>
            {spec.submitLabel}
          </Button>
        </DialogActions>
      </Form>
    </Dialog>
  );
};

const textField = (source: 'body' | 'resolution', label: string, message: string) => (
  <TextInput
    source={source}
    label={label}
    multiline
    minRows={5}
    fullWidth
    autoFocus
    validate={required(message)}
    helperText={false}
  />
);

const StaffSelect = () => {
  const { data = [], isPending } = useGetList<Staff>('staff', {
    pagination: { page: 1, perPage: 500 },
    sort: { field: 'name', order: 'ASC' },
  });
  const choices = data.filter((s) => s.active).map((s) => ({ id: s.id, name: s.name }));
  return (
    <SelectInput
      source="assigneeId"
      label="Handläggare"
      choices={choices}
      isPending={isPending}
      validate={required('Välj en handläggare')}
      fullWidth
      helperText={false}
    />
  );
};

const DIALOGS: Partial<Record<CaseActionName, Omit<DialogSpec, 'action'>>> = {
  assign: {
    title: 'Tilldela ärendet',
    intro: 'Välj vilken handläggare som ska ansvara för ärendet.',
    submitLabel: label('assign'),
    fields: <StaffSelect />,
  },
  reply: {
    title: label('reply'),
    intro: 'Svaret syns för kunden på Mina sidor och skickas med e-post om kunden har valt e-postbesked.',
    submitLabel: 'Skicka svaret',
    fields: textField('body', 'Meddelande till kund', 'Skriv ett svar'),
  },
  note: {
    title: label('note'),
    intro: 'Anteckningen syns bara för handläggare, aldrig för kunden.',
    submitLabel: 'Spara anteckningen',
    fields: textField('body', 'Anteckning', 'Skriv en anteckning'),
  },
  'request-info': {
    title: label('request-info'),
    intro: 'Beskriv vad kunden behöver komplettera. Ärendet får status Väntar på kund tills kunden svarar.',
    submitLabel: 'Skicka begäran',
    fields: textField('body', 'Vad behövs?', 'Beskriv vad som behövs'),
  },
  close: {
    title: 'Avsluta ärendet',
    intro: 'Beskriv hur ärendet löstes. Lösningen syns för kunden.',
    submitLabel: 'Avsluta ärendet',
    fields: textField('resolution', 'Lösning', 'Ange en lösning'),
  },
};

/** The buttons in this order, each named as the action is everywhere (domain/labels.ts). */
const BUTTONS: Array<{ action: CaseActionName; icon: ReactNode }> = [
  { action: 'take', icon: <PanToolIcon /> },
  { action: 'assign', icon: <AssignmentIndIcon /> },
  { action: 'reply', icon: <ReplyIcon /> },
  { action: 'note', icon: <LockIcon /> },
  { action: 'request-info', icon: <HelpOutlineIcon /> },
  { action: 'close', icon: <CheckCircleIcon /> },
  { action: 'reopen', icon: <ReplayIcon /> },
];

/** The handler's actions on the case: only those the API lists as allowed now. */
export const CaseActions = ({ record }: { record: CaseDetail }) => {
  const { run, pending } = useCaseAction(record);
  const runDirect = useIntent(run);
  const [openDialog, setOpenDialog] = useState<CaseActionName | null>(null);
  const { identity } = useGetIdentity();
  // Taking a case one already has is allowed by the workflow but changes nothing: no button for it.
  const mine = identity?.id !== undefined && record.assigneeId !== null && String(record.assigneeId) === String(identity.id);
  const allowed = BUTTONS.filter((b) => record.actions?.includes(b.action) && !(b.action === 'take' && mine));
  if (allowed.length === 0) return null;
  const dialog = openDialog ? DIALOGS[openDialog] : undefined;
  return (
    <Box role="group" aria-label="Åtgärder" sx={{ display: 'flex', flexWrap: 'wrap', gap: 1 }}>
      {allowed.map(({ action, icon }) => (
        <Button
          key={action}
          variant={action === 'take' || action === 'reply' ? 'contained' : 'outlined'}
          startIcon={icon}
          // A dialog's own buttons show its progress; the page's buttons wait only for direct actions
          // (and do not flash through the disabled colours behind a dialog).
          disabled={pending && openDialog === null}
          onClick={() => (DIALOGS[action] ? setOpenDialog(action) : void runDirect(action))}
        >
          {label(action)}
        </Button>
      ))}
      {openDialog && dialog && (
        <ActionDialog
          key={openDialog}
          spec={{ action: openDialog, ...dialog }}
          open
          onClose={() => setOpenDialog(null)}
          run={run}
          busy={pending}
        />
      )}
    </Box>
  );
};
