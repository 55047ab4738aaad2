'use client';

import { Alert, Button, Checkbox, Group, Input, List, Modal, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { ChatSummary, MemberListCandidate, MemberListPreview, MemberListResult } from '@sferum/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useId, useRef, useState, type ReactNode } from 'react';
import { isApiError } from '../../api/api-error';
import { errorMessageKey } from '../../api/error-message';
import { rosterKeys } from '../class-page/roster-api';
import { memberListApi } from './member-list-api';
import {
  choose,
  commitPersonIds,
  decodeListFile,
  initialSelection,
  listFileProblem,
  MEMBER_LIST_MAX_LENGTH,
  previewIsEmpty,
  toggleChecked,
  type MemberListSelection,
} from './member-list-model';
import classes from './member-list.module.css';

interface Props {
  opened: boolean;
  /** the chat to compare; the last one stays while the dialog fades out */
  chat: ChatSummary | null;
  /** the chat's name as the class page shows it */
  chatLabel: string;
  pathId: string;
  onClose: () => void;
}

/** «Сверить со списком участников»: a chat's member list from MAX or Sferum, matched to the class and marked. */
export function MemberListModal({ opened, chat, chatLabel, pathId, onClose }: Props) {
  const t = useTranslations('memberList');
  const wide = useMediaQuery('(min-width: 36em)', true);
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('title', { chat: chatLabel })}
      size="lg"
      centered
      fullScreen={!wide}
    >
      {/* The modal mounts its content only while open: every opening starts with an empty list. */}
      {chat && <MemberListDialog key={chat.id} chat={chat} chatLabel={chatLabel} pathId={pathId} onClose={onClose} />}
    </Modal>
  );
}

type Stage =
  | { kind: 'text' }
  | { kind: 'preview'; preview: MemberListPreview; selection: MemberListSelection }
  | { kind: 'done'; result: MemberListResult };

type DialogProps = Omit<Props, 'opened' | 'chat'> & { chat: ChatSummary };

function MemberListDialog({ chat, chatLabel, pathId, onClose }: DialogProps) {
  const t = useTranslations('memberList');
  const tCommon = useTranslations('common');
  const tErrors = useTranslations('errors');
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [stage, setStage] = useState<Stage>({ kind: 'text' });
  const [fileName, setFileName] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const fileId = useId();
  const fileRef = useRef<HTMLInputElement>(null);

  const check = useMutation({
    mutationFn: (list: string) => memberListApi.preview(chat.id, list),
    onSuccess: (preview) => setStage({ kind: 'preview', preview, selection: initialSelection(preview) }),
  });
  const commit = useMutation({
    mutationFn: (personIds: string[]) => memberListApi.commit(chat.id, personIds),
    onSuccess: (result) => {
      setStage({ kind: 'done', result });
      notifications.show({ color: 'green', message: t('resultJoined', { count: result.joined }) });
      void queryClient.invalidateQueries({ queryKey: [...rosterKeys.all] });
    },
  });
  const failure = (error: unknown, stale: string): string =>
    isApiError(error, 400) || isApiError(error, 404) ? stale : tErrors(errorMessageKey(error));

  const readFile = (file: File | null) => {
    setFileError(null);
    setFileName(file?.name ?? null);
    if (!file) return;
    const problem = listFileProblem(file);
    if (problem) {
      setFileError(t(problem));
      return;
    }
    const reader = new FileReader();
    reader.onload = () => {
      if (!(reader.result instanceof ArrayBuffer)) return;
      const content = decodeListFile(new Uint8Array(reader.result));
      if (content.length > MEMBER_LIST_MAX_LENGTH) {
        setFileError(t('tooLong'));
        return;
      }
      setText(content);
      check.reset();
    };
    reader.onerror = () => setFileError(t('fileUnreadable'));
    reader.readAsArrayBuffer(file);
  };

  if (stage.kind === 'done') {
    return (
      <Stack gap="md" data-testid="member-list-result">
        <Alert
          color="green"
          title={t('resultTitle')}
          role="status"
          styles={{ title: { color: 'var(--mantine-color-text)' } }}
        >
          <Stack gap={4}>
            <Text size="sm">{t('resultJoined', { count: stage.result.joined })}</Text>
            {stage.result.unchanged > 0 && (
              <Text size="sm">{t('resultUnchanged', { count: stage.result.unchanged })}</Text>
            )}
            <Text size="sm">{t('nobodyRemoved')}</Text>
          </Stack>
        </Alert>
        <Group justify="flex-end" gap="sm">
          <Button
            variant="default"
            onClick={() => {
              setText('');
              setFileName(null);
              if (fileRef.current) fileRef.current.value = '';
              setStage({ kind: 'text' });
            }}
          >
            {t('another')}
          </Button>
          <Button onClick={onClose} data-autofocus>
            {tCommon('close')}
          </Button>
        </Group>
      </Stack>
    );
  }

  if (stage.kind === 'preview') {
    const { preview, selection } = stage;
    const ids = commitPersonIds(preview, selection);
    const setSelection = (next: MemberListSelection) => setStage({ ...stage, selection: next });
    return (
      <Stack gap="md" data-testid="member-list-preview">
        <Text size="sm">{t('nobodyRemoved')}</Text>
        {previewIsEmpty(preview) ? (
          <Alert color="blue">{t('noNames')}</Alert>
        ) : (
          <>
            {preview.matched.length > 0 && (
              <PreviewGroup title={t('matchedTitle', { count: preview.matched.length })} testId="member-list-matched">
                <Text size="sm" c="dimmed">
                  {t('matchedText')}
                </Text>
                <Stack gap="xs">
                  {preview.matched.map((entry) => (
                    <Checkbox
                      key={entry.personId}
                      checked={selection.checked.has(entry.personId)}
                      onChange={(event) =>
                        setSelection(toggleChecked(selection, entry.personId, event.currentTarget.checked))
                      }
                      label={<PersonName candidate={entry} />}
                      description={
                        <LineText line={entry.line} text={entry.text} same={entry.text === entry.displayName} />
                      }
                    />
                  ))}
                </Stack>
              </PreviewGroup>
            )}
            {preview.ambiguous.length > 0 && (
              <PreviewGroup
                title={t('ambiguousTitle', { count: preview.ambiguous.length })}
                testId="member-list-ambiguous"
              >
                <Text size="sm" c="dimmed">
                  {t('ambiguousText')}
                </Text>
                {preview.ambiguous.map((entry) => (
                  <Radio.Group
                    key={entry.line}
                    label={t('lineLabel', { line: entry.line, text: entry.text })}
                    value={selection.chosen.get(entry.line) ?? ''}
                    onChange={(value) => setSelection(choose(selection, entry.line, value === '' ? null : value))}
                    className={classes.choice}
                  >
                    <Stack gap={6} mt={6}>
                      {entry.candidates.map((candidate) => (
                        <Radio
                          key={candidate.personId}
                          value={candidate.personId}
                          label={<PersonName candidate={candidate} />}
                        />
                      ))}
                      <Radio value="" label={t('noneOfThem')} />
                    </Stack>
                  </Radio.Group>
                ))}
              </PreviewGroup>
            )}
            {preview.alreadyJoined.length > 0 && (
              <PreviewGroup
                title={t('joinedTitle', { count: preview.alreadyJoined.length })}
                testId="member-list-joined"
              >
                <List size="sm" spacing={2}>
                  {preview.alreadyJoined.map((entry) => (
                    <List.Item key={entry.personId}>
                      <PersonName candidate={entry} />
                    </List.Item>
                  ))}
                </List>
              </PreviewGroup>
            )}
            {preview.unknown.length > 0 && (
              <PreviewGroup title={t('unknownTitle', { count: preview.unknown.length })} testId="member-list-unknown">
                <Text size="sm" c="dimmed">
                  {t('unknownText')}
                </Text>
                <List size="sm" spacing={2}>
                  {preview.unknown.map((entry) => (
                    <List.Item key={entry.line}>{t('lineLabel', { line: entry.line, text: entry.text })}</List.Item>
                  ))}
                </List>
              </PreviewGroup>
            )}
          </>
        )}
        {commit.isError && (
          <Alert color="red" role="alert">
            {failure(commit.error, t('commitStale'))}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={() => setStage({ kind: 'text' })} disabled={commit.isPending}>
            {t('back')}
          </Button>
          <Button onClick={() => commit.mutate(ids)} loading={commit.isPending} disabled={ids.length === 0}>
            {t('commit', { count: ids.length })}
          </Button>
        </Group>
      </Stack>
    );
  }

  const trimmed = text.trim();
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (trimmed !== '' && text.length <= MEMBER_LIST_MAX_LENGTH) check.mutate(text);
      }}
    >
      <Stack gap="md">
        <Text size="sm">{t('intro')}</Text>
        <div>
          <Title order={3} fz="sm" mb={4}>
            {t('howTitle')}
          </Title>
          <List type="ordered" size="sm" spacing={2}>
            <List.Item>{t('how1', { path: pathId, chat: chatLabel })}</List.Item>
            <List.Item>{t('how2')}</List.Item>
            <List.Item>{t('how3')}</List.Item>
            <List.Item>{t('how4')}</List.Item>
          </List>
        </div>
        <Textarea
          label={t('textLabel')}
          description={t('textHint')}
          value={text}
          onChange={(event) => {
            setText(event.currentTarget.value);
            check.reset();
          }}
          autosize
          minRows={6}
          maxRows={12}
          error={text.length > MEMBER_LIST_MAX_LENGTH ? t('tooLong') : undefined}
          spellCheck={false}
          data-autofocus
        />
        <Input.Wrapper label={t('file')} description={t('fileHint')} error={fileError} id={fileId}>
          <div className={classes.filePicker}>
            <input
              ref={fileRef}
              id={fileId}
              type="file"
              className={classes.fileInput}
              accept=".txt,.csv,text/plain,text/csv"
              onChange={(event) => readFile(event.currentTarget.files?.[0] ?? null)}
              data-testid="member-list-file"
            />
            <label htmlFor={fileId} className={classes.fileButton}>
              {t('chooseFile')}
            </label>
            <Text size="sm" c={fileName ? undefined : 'dimmed'}>
              {fileName ?? t('noFile')}
            </Text>
          </div>
        </Input.Wrapper>
        {check.isError && (
          <Alert color="red" role="alert">
            {failure(check.error, t('checkFailed'))}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={check.isPending}>
            {tCommon('cancel')}
          </Button>
          <Button
            type="submit"
            loading={check.isPending}
            disabled={trimmed === '' || text.length > MEMBER_LIST_MAX_LENGTH}
          >
            {t('check')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** One group of the preview, headed with its count. */
function PreviewGroup({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className={classes.group} data-testid={testId}>
      <Title order={3} fz="md" id={headingId} mb={6}>
        {title}
      </Title>
      <Stack gap="xs">{children}</Stack>
    </section>
  );
}

function PersonName({ candidate }: { candidate: MemberListCandidate }) {
  const t = useTranslations('memberList');
  return (
    <>
      {candidate.displayName}
      <Text span size="sm" c="dimmed">
        {` · ${t(`kind.${candidate.kind}`)}`}
      </Text>
    </>
  );
}

/** Where in the list a person was found, when the line says more than the name. */
function LineText({ line, text, same }: { line: number; text: string; same: boolean }) {
  const t = useTranslations('memberList');
  return same ? t('lineOnly', { line }) : t('lineLabel', { line, text });
}
