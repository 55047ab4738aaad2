import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { RosterPage } from '../../../../../../features/class-page/roster-page';
import { pageLocale } from '../../../../../../i18n/page-locale';
import { rosterQuery } from '../../../../../../features/class-page/roster-api';
import { classChangesQuery } from '../../../../../../features/changes/changes-api';
import { Prefetch } from '../../../../../../server/prefetch';
import { requireStaff } from '../../../../../../server/session';

type Props = { params: Promise<{ locale: string; id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'classPage' });
  return { title: t('tabRoster') };
}

export default async function ClassRosterRoute({ params }: Props) {
  const locale = await pageLocale(params);
  const { id } = await params;
  await requireStaff(locale, `/classes/${id}`, 'classPage');
  return (
    // The summary of what changed comes with the roster: arriving later, it would push the grid down under a click.
    <Prefetch
      load={(client) => [client.prefetchQuery(rosterQuery(id, false)), client.prefetchQuery(classChangesQuery(id))]}
    >
      <RosterPage classId={id} />
    </Prefetch>
  );
}
