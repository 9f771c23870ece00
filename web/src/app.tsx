// Signed out: the sign-in form. Signed in: the shell (environment/cluster picker) and one page.
import { useState } from 'preact/hooks';
import { CirrusApi, type Credentials } from './api/client.ts';
import { forgetCredentials, loadCredentials, saveCredentials } from './session.ts';
import { SignIn } from './pages/sign-in.tsx';
import { Shell } from './components/shell.tsx';
import { navigate } from './router.ts';

export function App() {
  const [credentials, setCredentials] = useState<Credentials | undefined>(loadCredentials);
  if (!credentials) {
    return <SignIn onSignedIn={(c) => { saveCredentials(c); setCredentials(c); }} />;
  }
  const signOut = () => {
    forgetCredentials();
    setCredentials(undefined);
    navigate({ page: 'home' });
  };
  return <Shell api={new CirrusApi(credentials)} keyId={credentials.key} onSignOut={signOut} />;
}
