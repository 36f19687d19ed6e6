import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import { Alert, AlertTitle, Box, Card, CardContent, Grid, Link as MuiLink, Typography } from '@mui/material';
import { Show, useGetList, useRecordContext, useStore, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { Facts } from '../common/Facts';
import { StatusChip } from '../common/StatusChip';
import { VisuallyHidden } from '../common/VisuallyHidden';
import { formatAge, formatStockholm } from '../common/dates';
import type { CaseDetail, QueueName, Staff } from '../types';
import { CaseActions } from './CaseActions';
import { LAST_QUEUE_KEY } from './CaseList';
import { CaseTimeline } from './CaseTimeline';
import { isQueueName, queuePath, queueText } from './queues';
import { ServiceLevelCard } from './ServiceLevels';
import { SithsRowsTable, SubmissionDetails } from './SubmissionDetails';
import { WithoutAccountChip } from './WithoutAccountChip';

const CaseTitle = () => {
  const record = useRecordContext<CaseDetail>();
  return <>{record ? `Ärende ${record.caseNumber}` : 'Ärende'}</>;
};

const BackToQueue = () => {
  const [lastQueue] = useStore<QueueName>(LAST_QUEUE_KEY, 'new');
  const translate = useTranslate();
  const queue = isQueueName(lastQueue) ? lastQueue : 'new';
  return (
    <MuiLink component={Link} to={queuePath(queue)} sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, mb: 1 }}>
      <ArrowBackIcon fontSize="small" aria-hidden />
      {translate('kundportal.cases.back_to_queue', { queue: translate(queueText(queue, 'name')) })}
    </MuiLink>
  );
};

/** The customer was not reached: the handler must find another way until a later e-mail arrives. */
const UndeliveredEmail = ({ refusal }: { refusal: NonNullable<CaseDetail['undeliveredEmail']> }) => (
  <Alert severity="warning" sx={{ mt: 2 }}>
    <AlertTitle>E-post kunde inte levereras{refusal.recipient ? ` till ${refusal.recipient}` : ''}</AlertTitle>
    {refusal.reason && (
      <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
        Svar från e-postservern: {refusal.reason}
      </Typography>
    )}
    <Typography variant="body2">
      Kunden fick inte e-postbeskedet som skickades {formatStockholm(refusal.at)}. Kontakta kunden på annat sätt.
    </Typography>
  </Alert>
);

const CaseHeader = ({ record }: { record: CaseDetail }) => (
  <Card component="section" aria-labelledby="case-subject">
    <CardContent>
      <Typography variant="overline" component="p" sx={{ color: 'text.secondary', lineHeight: 1.5 }}>
        {record.caseNumber}
      </Typography>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap', mb: 2 }}>
        <Typography id="case-subject" component="h2" variant="h5">
          {record.subject}
        </Typography>
        <StatusChip status={record.status} label={record.statusLabel} />
        {record.withoutAccount && <WithoutAccountChip />}
      </Box>
      <Facts
        columns={2}
        items={[
          ['Ärendetyp', record.typeLabel],
          ['Organisation', record.withoutAccount ? (record.submission?.contact.organisationName ?? '–') : record.organisationName],
          ['Handläggare', record.assigneeName ?? 'Ej tilldelad'],
          ['Inskickat av', record.withoutAccount ? `${record.submission?.contact.name ?? ''} (utan konto, via Kontakta oss)` : record.reporterName],
          ['Inskickat', `${formatStockholm(record.createdAt)} (${formatAge(record.createdAt)})`],
          ['Senast ändrad', formatStockholm(record.updatedAt)],
          ...(record.closedAt ? ([['Avslutat', formatStockholm(record.closedAt)]] as Array<[string, string]>) : []),
        ]}
      />
      {record.undeliveredEmail && <UndeliveredEmail refusal={record.undeliveredEmail} />}
      {record.imported && (
        <Alert severity="info" sx={{ mt: 2 }}>
          Ärendet kommer från den tidigare kundportalen. Det är avslutat och går bara att läsa.
        </Alert>
      )}
      {record.status === 'closed' && record.resolution && (
        <Alert severity="success" icon={false} sx={{ mt: 2, whiteSpace: 'pre-wrap', color: '#1e4620' }}>
          <strong>Lösning:</strong> {record.resolution}
        </Alert>
      )}
      <Box sx={{ mt: 2, display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 2, flexWrap: 'wrap' }}>
        <CaseActions record={record} />
        {/* An earlier case never had a workflow. */}
        {record.temporalUrl && !record.imported && (
          <MuiLink
            href={record.temporalUrl}
            target="_blank"
            rel="noreferrer"
            sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}
          >
            Öppna arbetsflödet i Temporal UI
            <OpenInNewIcon fontSize="small" aria-hidden />
            <VisuallyHidden>(öppnas i en ny flik)</VisuallyHidden>
          </MuiLink>
        )}
      </Box>
    </CardContent>
  </Card>
);

const CaseShowContent = () => {
  const record = useRecordContext<CaseDetail>();
  // For "tilldelades Hanna" lines in the timeline; the assign dialog reads the same cached list.
  const { data: staff } = useGetList<Staff>('staff', { pagination: { page: 1, perPage: 500 }, sort: { field: 'name', order: 'ASC' } });
  if (!record) return null;
  const staffName = (id: number) => staff?.find((s) => s.id === id)?.name;
  const rows = record.submission?.rows ?? [];
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, py: 2 }}>
      <Box>
        <BackToQueue />
        <CaseHeader record={record} />
      </Box>
      {rows.length > 0 && <SithsRowsTable rows={rows} />}
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 7 }}>
          <Card component="section" aria-labelledby="timeline-heading">
            <CardContent>
              <Typography id="timeline-heading" component="h2" variant="h6" gutterBottom>
                Händelser
              </Typography>
              <CaseTimeline events={record.timeline ?? []} serviceLevelEvents={record.serviceLevelEvents ?? []} staffName={staffName} />
            </CardContent>
          </Card>
        </Grid>
        <Grid size={{ xs: 12, md: 5 }} sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
          <ServiceLevelCard clocks={record.serviceLevels} />
          {record.submission && <SubmissionDetails submission={record.submission} />}
        </Grid>
      </Grid>
    </Box>
  );
};

export const CaseShow = () => (
  <Show<CaseDetail> title={<CaseTitle />} actions={false} component="div" emptyWhileLoading>
    <CaseShowContent />
  </Show>
);
