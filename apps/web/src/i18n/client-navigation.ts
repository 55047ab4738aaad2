import { createNavigation } from 'next-intl/navigation';
import { routing } from './routing';

// For the dashboard's client components only: the home and parent pages use
// the plain getPathname() in ./navigation and stay free of this client code.
export const { Link, usePathname, useRouter } = createNavigation(routing);
