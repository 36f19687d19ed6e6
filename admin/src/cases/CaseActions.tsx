import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import HelpOutlineIcon from '@mui/icons-material/HelpOutlineOutlined';
import LockIcon from '@mui/icons-material/Lock';
import PanToolIcon from '@mui/icons-material/PanTool';
import ReplayIcon from '@mui/icons-material/Replay';
import ReplyIcon from '@mui/icons-material/Reply';
import { Box, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useId, useState } from 'react';
import { Form, HttpError, SelectInput, TextInput, required, useDataProvider, useGetIdentity, useGetList, useNotify } from 'react-admin';
import { useInvalidateCaseQueries } from '../common/queueCounts';
import type { KundportalDataProvider } from '../providers/dataProvider';
import type { CaseActionName, CaseDetail, Staff } from '../types';

type FieldErrors = Record<string, string>;

const SUCCESS: Record<CaseActionName, string> = {
  take: 'Du har tagit ärendet.',
  assign: 'Ärendet är tilldelat.',
  reply: 'Svaret är skickat till kunden.',
  note: 'Anteckningen är sparad.',
  'request-info': 'Begäran om komplettering är skickad till kunden.',
  close: 'Ärendet är avslutat.',
  reopen: 'Ärendet är återöppnat.',
};

/**
 * Runs an action and puts the case as the API returns it straight into the cache of the case
 * page. Resolves to field errors for a 400, so the dialog's form shows them at the fields.
 */
function useCaseAction(record: CaseDetail) {
  const dataProvider = useDataProvider<KundportalDataProvider>();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const invalidate = useInvalidateCaseQueries();
  const [pending, setPending] = useState<CaseActionName | null>(null);

  const run = async (action: CaseActionName, body?: Record<string, unknown>): Promise<FieldErrors | 'ok' | 'failed'> => {
    setPending(action);
    try {
      const { data } = await dataProvider.caseAction(record.id, action, body);
      // After a 401/403 react-admin has already told the handler; the answer is then empty.
      if (!data?.caseNumber) return 'failed';
      queryClient.setQueriesData({ queryKey: ['cases', 'getOne', { id: String(record.id) }] }, data);
      invalidate();
      notify(SUCCESS[action], { type: 'success' });
      return 'ok';
    } catch (error) {
      const httpError = error as HttpError;
      const errors = (httpError.body as { errors?: unknown } | undefined)?.errors;
      if (httpError.status === 400 && errors && typeof errors === 'object' && !Array.isArray(errors)) {
        return errors as FieldErrors;
      }
      // 409: the workflow refused (the case moved on meanwhile): say why and show the case as it is now.
      notify(httpError.message || 'Åtgärden kunde inte utföras.', { type: 'error', multiLine: true });
      if (httpError.status === 409) {
        void queryClient.invalidateQueries({ queryKey: ['cases', 'getOne', { id: String(record.id) }] });
        invalidate();
      }
      return 'failed';
    } finally {
      setPending(null);
    }
  };
  return { run, pending };
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
  run: (action: CaseActionName, body: Record<string, unknown>) => Promise<FieldErrors | 'ok' | 'failed'>;
  busy: boolean;
}) => {
  const titleId = useId();
  const onSubmit = async (values: Record<string, unknown>) => {
    const result = await run(spec.action, values);
    if (result === 'ok') onClose();
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
    submitLabel: 'Tilldela',
    fields: <StaffSelect />,
  },
  reply: {
    title: 'Svara kunden',
    intro: 'Svaret syns för kunden på Mina sidor och skickas med e-post om kunden har valt e-postbesked.',
    submitLabel: 'Skicka svaret',
    fields: textField('body', 'Meddelande till kund', 'Skriv ett svar'),
  },
  note: {
    title: 'Intern anteckning',
    intro: 'Anteckningen syns bara för handläggare, aldrig för kunden.',
    submitLabel: 'Spara anteckningen',
    fields: textField('body', 'Anteckning', 'Skriv en anteckning'),
  },
  'request-info': {
    title: 'Begär komplettering',
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

const BUTTONS: Array<{ action: CaseActionName; label: string; icon: ReactNode }> = [
  { action: 'take', label: 'Ta ärendet', icon: <PanToolIcon /> },
  { action: 'assign', label: 'Tilldela', icon: <AssignmentIndIcon /> },
  { action: 'reply', label: 'Svara kunden', icon: <ReplyIcon /> },
  { action: 'note', label: 'Intern anteckning', icon: <LockIcon /> },
  { action: 'request-info', label: 'Begär komplettering', icon: <HelpOutlineIcon /> },
  { action: 'close', label: 'Avsluta', icon: <CheckCircleIcon /> },
  { action: 'reopen', label: 'Återöppna', icon: <ReplayIcon /> },
];

/** The handler's actions on the case: only those the API lists as allowed now. */
export const CaseActions = ({ record }: { record: CaseDetail }) => {
  const { run, pending } = useCaseAction(record);
  const [openDialog, setOpenDialog] = useState<CaseActionName | null>(null);
  const { identity } = useGetIdentity();
  // Taking a case one already has is allowed by the workflow but changes nothing: no button for it.
  const mine = identity?.id !== undefined && record.assigneeId !== null && String(record.assigneeId) === String(identity.id);
  const allowed = BUTTONS.filter((b) => record.actions?.includes(b.action) && !(b.action === 'take' && mine));
  if (allowed.length === 0) return null;
  const dialog = openDialog ? DIALOGS[openDialog] : undefined;
  return (
    <Box role="group" aria-label="Åtgärder" sx={{ display: 'flex', flexWrap: 'wrap', gap: 1 }}>
      {allowed.map(({ action, label, icon }) => (
        <Button
          key={action}
          variant={action === 'take' || action === 'reply' ? 'contained' : 'outlined'}
          startIcon={icon}
          // A dialog's own buttons show its progress; the page's buttons wait only for direct actions
          // (and do not flash through the disabled colours behind a dialog).
          disabled={pending !== null && openDialog === null}
          onClick={() => (DIALOGS[action] ? setOpenDialog(action) : void run(action))}
        >
          {label}
        </Button>
      ))}
      {openDialog && dialog && (
        <ActionDialog
          key={openDialog}
          spec={{ action: openDialog, ...dialog }}
          open
          onClose={() => setOpenDialog(null)}
          run={run}
          busy={pending !== null}
        />
      )}
    </Box>
  );
};
