import type { ReactNode } from 'react';
import { ClassFrame } from '../../../../../../features/class-page/class-frame';
import { classQuery, schoolQuery } from '../../../../../../api/queries';
import { mayOpenSchool } from '../../../../../../auth/staff-areas';
import { Prefetch } from '../../../../../../server/prefetch';
import { getCurrentUser } from '../../../../../../server/session';

type Props = { children: ReactNode; params: Promise<{ locale: string; id: string }> };

// The pages below guard themselves (requireStaff); without a session this
// frame stays away so that the page's redirect to sign-in is all that happens.
export default async function ClassLayout({ children, params }: Props) {
  const user = await getCurrentUser();
  if (!user) return children;
  const { id } = await params;
  return (
    <Prefetch
      load={(client) => [
        // An admin's way back names the class's school: known once the class is.
        client.prefetchQuery(classQuery(id)).then(() => {
          const schoolId = client.getQueryData(classQuery(id).queryKey)?.schoolId;
          return schoolId && mayOpenSchool(user, schoolId) ? client.prefetchQuery(schoolQuery(schoolId)) : undefined;
        }),
      ]}
    >
      <ClassFrame classId={id}>{children}</ClassFrame>
    </Prefetch>
  );
}
