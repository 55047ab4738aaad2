'use client';

import { Alert, Anchor, Badge, Button, Group, Input, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IMPORT_MAX_BYTES, type ImportAction, type ImportError, type ImportResult } from '@sferum/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useId, useRef, useState } from 'react';
import { isApiError } from '../../api/api-error';
import { errorMessageKey } from '../../api/error-message';
import { Link } from '../../i18n/client-navigation';
import { importList, rosterKeys, templateHref, type ImportMode } from './roster-api';
import { acceptsListFile, importChangesNothing } from './import-model';
import classes from './class-page.module.css';

/** Rows shown before the table says how many more there are: a class is ~30, a school file thousands. */
const PREVIEW_ROWS = 200;

const ACTION_COLORS: Record<ImportAction, string> = { create: 'green', update: 'blue', unchanged: 'gray' };

function ErrorList({ errors }: { errors: ImportError[] }) {
  const t = useTranslations('importList');
  const where = (error: ImportError): string =>
    error.row !== null && error.column
      ? t('errorWhere', { row: error.row, column: error.column })
      : error.row !== null
        ? t('errorRow', { row: error.row })
        : error.column
          ? t('errorColumn', { column: error.column })
          : t('errorFile');
  return (
    <Alert color="red" title={t('errorsTitle', { count: errors.length })} role="alert" data-testid="import-errors">
      <Stack gap="xs">
        <Text size="sm">{t('errorsText')}</Text>
        <List size="sm" spacing={4}>
          {errors.map((error, index) => (
            <List.Item key={index}>
              <Text span fw={600} size="sm">
                {where(error)}:
              </Text>{' '}
              {t(`errors.${error.code}`)}
            </List.Item>
          ))}
        </List>
      </Stack>
    </Alert>
  );
}

function Summary({ result }: { result: ImportResult }) {
  const t = useTranslations('importList');
  const people = (counts: { students: number; parents: number }) => ({
    students: t('students', { count: counts.students }),
    parents: t('parents', { count: counts.parents }),
  });
  const done = result.committed;
  if (importChangesNothing(result)) {
    return (
      <Alert color="blue" data-testid="import-summary">
        {t('nothingChanges')}
      </Alert>
    );
  }
  return (
    <Stack gap={4} data-testid="import-summary">
      <Text fw={600}>
        {t(done ? 'created' : 'willCreate', people({ students: result.students.create, parents: result.parents.create }))}
      </Text>
      {result.students.update + result.parents.update > 0 && (
        <Text>
          {t(done ? 'updated' : 'willUpdate', people({ students: result.students.update, parents: result.parents.update }))}
        </Text>
      )}
      {result.students.unchanged + result.parents.unchanged > 0 && (
        <Text>{t('unchanged', people({ students: result.students.unchanged, parents: result.parents.unchanged }))}</Text>
      )}
      <Text size="sm" c="dimmed">
        {t('familiesLine', { create: result.families.create, existing: result.families.existing })}
      </Text>
      {result.notInFile > 0 && (
        <Text size="sm" c="dimmed">
          {t('notInFile', { count: result.notInFile })}
        </Text>
      )}
    </Stack>
  );
}

function PreviewTable({ result }: { result: ImportResult }) {
  const t = useTranslations('importList');
  const rows = result.preview.slice(0, PREVIEW_ROWS);
  const action = (value: ImportAction) => (
    <Badge size="sm" variant="light" color={ACTION_COLORS[value]}>
      {t(`actions.${value}`)}
    </Badge>
  );
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={640} type="native">
        <Table verticalSpacing="xs" horizontalSpacing="sm" data-testid="import-preview">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={70}>{t('table.row')}</Table.Th>
              <Table.Th>{t('table.student')}</Table.Th>
              <Table.Th>{t('table.parents')}</Table.Th>
              <Table.Th>{t('table.family')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.row}>
                <Table.Td>{row.row}</Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm">{row.student}</Text>
                    {action(row.action)}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    {row.parents.map((parent) => (
                      <Group gap={6} key={parent.name} wrap="nowrap">
                        <Text size="sm">{parent.name}</Text>
                        {action(parent.action)}
                      </Group>
                    ))}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={row.newFamily ? undefined : 'blue.8'}>
                    {row.newFamily ? t('newFamily') : t('knownFamily')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {result.preview.length > PREVIEW_ROWS && (
        <Text size="sm" c="dimmed" p="sm">
          {t('moreRows', { count: result.preview.length - PREVIEW_ROWS })}
        </Text>
      )}
    </Paper>
  );
}

/** A class list from Excel or CSV: check it first, then load it in one go. */
export function ImportPage({ classId }: { classId: string }) {
  const t = useTranslations('importList');
  const tErrors = useTranslations('errors');
  const queryClient = useQueryClient();
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);

  const mutation = useMutation({
    mutationFn: ({ file: chosen, mode }: { file: File; mode: ImportMode }) => importList(classId, chosen, mode),
    onSuccess: (result) => {
      if (result.committed) void queryClient.invalidateQueries({ queryKey: [...rosterKeys.all] });
    },
  });
  const result = mutation.data;
  const failedCommit = mutation.isError && mutation.variables.mode === 'commit';

  const choose = (chosen: File | null) => {
    mutation.reset();
    setFile(chosen);
    setFileError(null);
    if (!chosen) return;
    const problem = acceptsListFile(chosen, IMPORT_MAX_BYTES);
    if (problem) {
      setFileError(t(problem));
      return;
    }
    mutation.mutate({ file: chosen, mode: 'preview' });
  };

  const startOver = () => {
    mutation.reset();
    setFile(null);
    if (inputRef.current) inputRef.current.value = '';
  };

  return (
    <Stack gap="lg" maw={960}>
      <Paper withBorder radius="md" p="lg">
        <Stack gap="sm">
          <Title order={2} fz="lg">
            {t('title')}
          </Title>
          <Text>{t('intro')}</Text>
          <Text size="sm" c="dimmed">
            {t('again')}
          </Text>
          <Group gap="sm">
            <Text size="sm" fw={500}>
              {t('template')}
            </Text>
            <Anchor href={templateHref('xlsx')} download size="sm">
              {t('templateXlsx')}
            </Anchor>
            <Anchor href={templateHref('csv')} download size="sm">
              {t('templateCsv')}
            </Anchor>
          </Group>
          <Input.Wrapper label={t('file')} description={t('fileHint')} error={fileError} id={inputId} mt="xs">
            <div className={classes.filePicker}>
              <input
                ref={inputRef}
                id={inputId}
                type="file"
                className={classes.fileInput}
                accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                onChange={(event) => choose(event.currentTarget.files?.[0] ?? null)}
                data-testid="import-file"
              />
              <label htmlFor={inputId} className={classes.fileButton}>
                {t('chooseFile')}
              </label>
              <Text size="sm" c={file ? undefined : 'dimmed'}>
                {file?.name ?? t('noFile')}
              </Text>
            </div>
          </Input.Wrapper>
        </Stack>
      </Paper>

      {mutation.isPending && (
        <Text role="status" c="dimmed">
          {mutation.variables.mode === 'commit' ? t('committing') : t('checking')}
        </Text>
      )}

      {mutation.isError && (
        <Alert color="red" role="alert">
          {failedCommit && isApiError(mutation.error, 422) ? t('commitFailed') : tErrors(errorMessageKey(mutation.error))}
        </Alert>
      )}

      {result && (
        <Stack gap="md">
          <Title order={2} fz="lg">
            {result.committed ? t('resultTitle') : t('previewTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {file?.name} · {t('rows', { count: result.rows })}
          </Text>
          {result.errors.length > 0 ? <ErrorList errors={result.errors} /> : <Summary result={result} />}
          <Group gap="sm">
            {result.committed ? (
              <Button component={Link} href={`/classes/${classId}`}>
                {t('toRoster')}
              </Button>
            ) : (
              <Button
                disabled={result.errors.length > 0 || importChangesNothing(result) || !file}
                onClick={() => file && mutation.mutate({ file, mode: 'commit' })}
              >
                {t('confirm')}
              </Button>
            )}
            <Button variant="default" onClick={startOver}>
              {t('another')}
            </Button>
          </Group>
          {result.preview.length > 0 && <PreviewTable result={result} />}
        </Stack>
      )}
    </Stack>
  );
}
