'use client';

import { Badge } from '@mantine/core';
import type { StaffStatus } from '@sferum/contracts';
import { useTranslations } from 'next-intl';

const COLORS: Record<StaffStatus, string> = { pending_setup: 'yellow', active: 'green', deactivated: 'dark' };

export function StaffStatusBadge({ status }: { status: StaffStatus }) {
  const t = useTranslations('staffStatus');
  return (
    <Badge
      color={COLORS[status]}
      variant="light"
      tt="none"
      fw={600}
      miw="max-content"
      styles={{ label: { overflow: 'visible' } }}
    >
      {t(status)}
    </Badge>
  );
}
