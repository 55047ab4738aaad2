import { Paper, Table, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A bordered table that scrolls sideways on its own when the screen is
 * narrower than `minWidth`, never the whole page.
 */
export function TableFrame({ minWidth, children }: { minWidth: number; children: ReactNode }) {
  return (
    <Paper withBorder radius="md">
      {/* Positioned, so visually hidden headers stay inside the scrolling box. */}
      <Table.ScrollContainer minWidth={minWidth} type="native" style={{ position: 'relative' }}>
        <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
          {children}
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

/** The header of a column of row actions: named for screen readers, blank on screen. */
export function ActionsHeader({ label }: { label: string }) {
  return (
    <Table.Th>
      <VisuallyHidden>{label}</VisuallyHidden>
    </Table.Th>
  );
}
