import { Box, Card, CardContent, Link, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { Facts } from '../common/Facts';
import type { Submission } from '../types';

/** 198507099805 → 19850709-9805; anything else as given. */
export const formatPersonnummer = (value: string | null | undefined) =>
  value && /^\d{12}$/.test(value) ? `${value.slice(0, 8)}-${value.slice(8)}` : (value ?? '');

const yesNo = (value: boolean | null | undefined) => (value ? 'Ja' : 'Nej');

/** Rubrik for every type; Beskrivning for all but SITHS orders; Tjänst where the form has it. */
function caseFields(submission: Submission): Array<[string, ReactNode]> {
  const fields: Array<[string, ReactNode]> = [['Rubrik', submission.subject]];
  if (submission.type !== 'siths_order') {
    fields.push(['Beskrivning', submission.description && <Box component="span" sx={{ whiteSpace: 'pre-wrap' }}>{submission.description}</Box>]);
  }
  if (submission.service || (submission.type !== 'siths_order' && submission.type !== 'other')) {
    fields.push(['Tjänst', submission.service]);
  }
  return fields;
}

/** Every field the customer submitted: the case fields and the contact block. */
export const SubmissionDetails = ({ submission }: { submission: Submission }) => {
  const { contact } = submission;
  return (
    <Card component="section" aria-labelledby="submission-heading">
      <CardContent>
        <Typography id="submission-heading" component="h2" variant="h6" gutterBottom>
          Inskickade uppgifter
        </Typography>
        <Facts items={caseFields(submission)} />
        <Typography component="h3" variant="subtitle1" sx={{ mt: 3, mb: 1, fontWeight: 600 }}>
          Kontaktuppgifter
        </Typography>
        <Facts
          items={[
            ['Organisation', contact.organisationName],
            // Absent from a case sent through "Kontakta oss" without an account.
            ...(contact.organisationsnummer ? ([['Organisationsnummer', contact.organisationsnummer]] as Array<[string, ReactNode]>) : []),
            ['Enhet', contact.unitName],
            ['Namn', contact.name],
            ...(contact.personnummer ? ([['Personnummer', formatPersonnummer(contact.personnummer)]] as Array<[string, ReactNode]>) : []),
            ['E-post', <Link href={`mailto:${contact.email}`}>{contact.email}</Link>],
            ['E-postbesked', yesNo(contact.notifyByEmail)],
          ]}
        />
      </CardContent>
    </Card>
  );
};

/** The cards ordered in a SITHS order, one row per person. */
export const SithsRowsTable = ({ rows }: { rows: NonNullable<Submission['rows']> }) => (
  <Card component="section" aria-labelledby="siths-heading">
    <CardContent>
      <Typography id="siths-heading" component="h2" variant="h6" gutterBottom>
        Beställda SITHS-kort ({rows.length})
      </Typography>
      <TableContainer>
        <Table size="small" aria-labelledby="siths-heading">
          <TableHead>
            <TableRow>
              <TableCell>För- och efternamn</TableCell>
              <TableCell>Personnummer</TableCell>
              <TableCell>E-postadress</TableCell>
              <TableCell>Kortutlämningskontor</TableCell>
              <TableCell>Eget kortkontor</TableCell>
              <TableCell>Övrig information</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((row, index) => (
              <TableRow key={`${row.personnummer}-${index}`}>
                <TableCell>{row.name}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatPersonnummer(row.personnummer)}</TableCell>
                <TableCell>{row.email}</TableCell>
                <TableCell>{row.pickupOffice || '–'}</TableCell>
                <TableCell>{yesNo(row.ownCardOffice)}</TableCell>
                <TableCell sx={{ whiteSpace: 'pre-wrap' }}>{row.otherInfo || '–'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </CardContent>
  </Card>
);
