import { useState } from 'react';
import { AdminPage } from './admin/AdminPage.js';
import { PasswordChangeNotice } from './admin/people/PasswordChangeNotice.js';
import { BallotProvider } from './ballot/BallotContext.js';
import { BallotHost } from './ballot/BallotHost.js';
import { useClientState } from './client/ClientContext.js';
import { useHashRoute } from './client/use-hash-route.js';
import { AppHeader } from './components/AppHeader.js';
import { LoginScreen } from './components/LoginScreen.js';
import { RejectedNotice } from './components/RejectedNotice.js';
import { RoomDisplay } from './display/RoomDisplay.js';
import { MeetingList } from './meeting/MeetingList.js';
import { MeetingView } from './meeting/MeetingView.js';
import { MinutesPage } from './minutes/MinutesPage.js';
import { SigningPage } from './signing/SigningPage.js';
import { useSigningRoute } from './signing/use-signing-route.js';
import { useKeyboardInset } from './touch/use-keyboard-inset.js';

export function App() {
  const { user } = useClientState();
  const { route } = useHashRoute();
  const signingRoute = useSigningRoute();
  useKeyboardInset();
  // Chosen in this sign-in: the user the core holds still says otherwise until the next one.
  const [passwordChosenBy, setPasswordChosenBy] = useState<string | null>(null);
  if (!user) return <LoginScreen />;
  const mustChoosePassword = user.mustChangePassword && passwordChosenBy !== user.id;
  return (
    <BallotProvider>
      {route.name === 'display' ? (
        // The projector: nothing but the room's view, and never a ballot.
        <RoomDisplay meetingId={route.meetingId} />
      ) : (
        <div className="app">
          <AppHeader user={user} plain={mustChoosePassword} />
          <RejectedNotice />
          <BallotHost />
          <main className="app__main">
            {mustChoosePassword ? (
              // The server refuses everything else until then: nothing else is worth showing.
              <PasswordChangeNotice user={user} onChanged={() => setPasswordChosenBy(user.id)} />
            ) : signingRoute ? (
              <SigningPage route={signingRoute} user={user} />
            ) : route.name === 'admin' ? (
              <AdminPage user={user} section={route.section} />
            ) : route.name === 'minutes' ? (
              <MinutesPage meetingId={route.meetingId} />
            ) : route.name === 'meeting' ? (
              <MeetingView meetingId={route.meetingId} />
            ) : (
              <MeetingList />
            )}
          </main>
        </div>
      )}
    </BallotProvider>
  );
}
