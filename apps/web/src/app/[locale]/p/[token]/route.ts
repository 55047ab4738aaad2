import { handleParentGet, handleParentPost } from '../../../../features/parent/parent-route';

// A route handler, not a page: the parent page must answer 404 with its full
// friendly text (a page's notFound() can stream an empty shell), set its own
// privacy headers, and needs no React on the client at all.
export const dynamic = 'force-dynamic';

export { handleParentGet as GET, handleParentPost as POST };
