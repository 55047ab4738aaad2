import { handleCodeGet, handleCodePost } from '../../../features/parent/short-code-route';

// The page where a parent types the code from the letter: a route handler
// like the family's page itself, with the same headers and no JavaScript.
export const dynamic = 'force-dynamic';

export { handleCodeGet as GET, handleCodePost as POST };
