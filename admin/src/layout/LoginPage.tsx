import LockOpenIcon from '@mui/icons-material/LockOpen';
import { Box, Button, Card, CardContent, Typography } from '@mui/material';
import { Notification, useLogin } from 'react-admin';

/** Staff log in with e-legitimation at the API's identity provider, which sends them back to /admin/. */
export const LoginPage = () => {
  const login = useLogin();
  return (
    <Box
      component="main"
      sx={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', bgcolor: '#eef1f5', p: 2 }}
    >
      <Card sx={{ maxWidth: 460, width: '100%' }}>
        <CardContent sx={{ p: 4 }}>
          <Typography component="h1" variant="h5" gutterBottom>
            Kundportal – handläggning
          </Typography>
          <Typography sx={{ mb: 3 }}>Logga in med e-legitimation (BankID, Freja eID eller SITHS eID).</Typography>
          <Button
            variant="contained"
            size="large"
            fullWidth
            startIcon={<LockOpenIcon />}
            // A full page navigation to the identity provider, not a fetch.
            onClick={() => void login({})}
          >
            Logga in
          </Button>
        </CardContent>
      </Card>
      <Notification />
    </Box>
  );
};
