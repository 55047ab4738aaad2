'use client';

import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { BLOCKER_NOTE_MAX_LENGTH } from '@sferum/contracts';
import { useTranslations } from 'next-intl';
import { useState } from 'react';

function NoteForm({ onSave, onClose }: { onSave: (note: string) => void; onClose: () => void }) {
  const t = useTranslations('roster.menu');
  const tCommon = useTranslations('common');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (note.trim() === '') setError(t('noteRequired'));
        else onSave(note.trim());
      }}
    >
      <Stack gap="md">
        <Textarea
          label={t('noteLabel')}
          description={t('noteHint', { max: BLOCKER_NOTE_MAX_LENGTH })}
          value={note}
          onChange={(event) => {
            setNote(event.currentTarget.value);
            setError(null);
          }}
          error={error}
          maxLength={BLOCKER_NOTE_MAX_LENGTH}
          autosize
          minRows={2}
          required
          data-autofocus
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {tCommon('cancel')}
          </Button>
          <Button type="submit">{t('save')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

/** «Не получается: другое» needs a few words on what is in the way. */
export function OtherReasonModal({
  opened,
  subject,
  onSave,
  onClose,
}: {
  opened: boolean;
  subject: string;
  onSave: (note: string) => void;
  onClose: () => void;
}) {
  const t = useTranslations('roster.menu');
  return (
    <Modal opened={opened} onClose={onClose} title={`${t('otherTitle')} · ${subject}`} centered>
      <NoteForm onSave={onSave} onClose={onClose} />
    </Modal>
  );
}
