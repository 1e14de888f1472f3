import type { User } from '../../../shared/protocol/index.js';
import { DevicesPage } from './DevicesPage.js';
import { EnrollPage } from './EnrollPage.js';
import type { SigningRoute } from './use-signing-route.js';

/** The page of a signing route. */
export function SigningPage({ route, user }: { route: SigningRoute; user: User }) {
  return route === 'devices' ? <DevicesPage user={user} /> : <EnrollPage user={user} />;
}
