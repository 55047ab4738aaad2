'use client';

import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Input,
  List,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import {
  IMPORT_MAPPING_NAME_MAX_LENGTH,
  IMPORT_MAX_BYTES,
  IMPORT_MAX_HEADER_ROW,
  type ColumnRole,
  type ImportAction,
  type ImportError,
  type ImportReport,
  type ImportResult,
} from '@sferum/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useId, useRef, useState } from 'react';
import { isApiError } from '../../api/api-error';
import { errorMessageKey } from '../../api/error-message';
import { Link } from '../../i18n/client-navigation';
import {
  ImportRefusedError,
  importList,
  rosterKeys,
  rosterQuery,
  templateHref,
  type ImportMode,
  type ImportReading,
} from './roster-api';
import {
  acceptsListFile,
  importChangesNothing,
  mappingOf,
  needsMapping,
  NOT_USED,
  ROLE_GROUPS,
  rolesOf,
  saveImportMapping,
} from './import-model';
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
        {t(
          done ? 'created' : 'willCreate',
          people({ students: result.students.create, parents: result.parents.create }),
        )}
      </Text>
      {result.students.update + result.parents.update > 0 && (
        <Text>
          {t(
            done ? 'updated' : 'willUpdate',
            people({ students: result.students.update, parents: result.parents.update }),
          )}
        </Text>
      )}
      {result.students.unchanged + result.parents.unchanged > 0 && (
        <Text>
          {t('unchanged', people({ students: result.students.unchanged, parents: result.parents.unchanged }))}
        </Text>
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

/** The role menu: grouped by whose it is, «не используется» last. */
function useRoleOptions() {
  const t = useTranslations('importList');
  return ROLE_GROUPS.map((group) => ({
    group: t(`roleGroups.${group}`),
    items:
      group === 'none'
        ? [{ value: NOT_USED, label: t('notUsed') }]
        : rolesOf(group).map((role) => ({ value: role, label: t(`roles.${role}`) })),
  }));
}

/** Every column of the file with what it was taken for; with `onChange`, a menu to choose it. */
function ColumnsTable({
  report,
  changes,
  onChange,
}: {
  report: ImportReport;
  changes: Record<string, ColumnRole | null>;
  onChange?: (key: string, role: ColumnRole | null) => void;
}) {
  const t = useTranslations('importList');
  const options = useRoleOptions();
  const mapping = mappingOf(report, changes);
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={520} type="native">
        <Table verticalSpacing="xs" horizontalSpacing="sm" data-testid="import-columns">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={80}>{t('columnTable.letter')}</Table.Th>
              <Table.Th>{t('columnTable.header')}</Table.Th>
              <Table.Th w={onChange ? 320 : undefined}>{t('columnTable.role')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.columns.map((column) => {
              const role = mapping[column.key] ?? null;
              const header = column.header || t('noHeader');
              return (
                <Table.Tr key={column.index} data-testid="import-column" data-key={column.key}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {column.letter}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={column.header ? undefined : 'dimmed'}>
                      {header}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {onChange ? (
                      <Select
                        size="xs"
                        aria-label={t('roleLabel', { letter: column.letter, header })}
                        data={options}
                        value={role ?? NOT_USED}
                        allowDeselect={false}
                        maxDropdownHeight={320}
                        comboboxProps={{ withinPortal: true }}
                        onChange={(value) =>
                          onChange(column.key, !value || value === NOT_USED ? null : (value as ColumnRole))
                        }
                      />
                    ) : (
                      <Text size="sm" c={role ? undefined : 'dimmed'}>
                        {role ? t(`roles.${role}`) : t('notUsed')}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

function Warnings({ report }: { report: ImportReport }) {
  const t = useTranslations('importList');
  return (
    <Stack gap="sm">
      {report.warnings.length > 0 && (
        <Alert
          color="yellow"
          title={t('warningsTitle', { count: report.warnings.length })}
          data-testid="import-warnings"
        >
          <Stack gap={4}>
            <Text size="sm">{t('warningsText')}</Text>
            <List size="sm" spacing={2}>
              {report.warnings.map((warning, index) => (
                <List.Item key={index}>{warning.message}</List.Item>
              ))}
            </List>
          </Stack>
        </Alert>
      )}
      {report.skipped.length > 0 && (
        <Alert color="gray" title={t('skippedTitle', { count: report.skipped.length })} data-testid="import-skipped">
          <List size="sm" spacing={2}>
            {report.skipped.map((row) => (
              <List.Item key={row.row}>
                {t('skippedRow', { row: row.row, student: row.student, className: row.className })}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
    </Stack>
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
  const [changes, setChanges] = useState<Record<string, ColumnRole | null>>({});
  const [headerRow, setHeaderRow] = useState<number | null>(null);
  const [editing, setEditing] = useState(false);
  const [remember, setRemember] = useState(false);
  const [rememberName, setRememberName] = useState('');
  const [saved, setSaved] = useState<{ name: string; ok: boolean } | null>(null);
  // The class page above has it already: only the school's id, for a saved mapping.
  const schoolId = useQuery(rosterQuery(classId, false)).data?.schoolClass.schoolId ?? null;

  const mutation = useMutation({
    mutationFn: ({ file: chosen, mode, reading }: { file: File; mode: ImportMode; reading: ImportReading }) =>
      importList(classId, chosen, mode, reading),
    onSuccess: async (report, { mode }) => {
      if (mode === 'preview') {
        setChanges({});
        setHeaderRow(report.headerRow);
        setEditing(false);
        setSaved(null);
      }
      if (!report.committed) return;
      void queryClient.invalidateQueries({ queryKey: [...rosterKeys.all] });
      const name = rememberName.trim() || t('rememberDefault');
      if (remember && schoolId && report.headerRow !== null) {
        const ok = await saveImportMapping(schoolId, name, report.mapping, report.headerRow).then(
          () => true,
          () => false,
        );
        setSaved({ name, ok });
      }
    },
  });
  // A refused commit still tells what is wrong with the file.
  const refused = mutation.error instanceof ImportRefusedError ? mutation.error.report : null;
  const result = mutation.data ?? refused ?? undefined;
  const failedCommit = mutation.isError && mutation.variables.mode === 'commit';
  const lastReading = mutation.variables?.reading ?? {};

  const choose = (chosen: File | null) => {
    mutation.reset();
    setFile(chosen);
    setFileError(null);
    setSaved(null);
    if (!chosen) return;
    const problem = acceptsListFile(chosen, IMPORT_MAX_BYTES);
    if (problem) {
      setFileError(t(problem));
      return;
    }
    mutation.mutate({ file: chosen, mode: 'preview', reading: {} });
  };

  const recheck = () => {
    if (!file || !result) return;
    mutation.mutate({
      file,
      mode: 'preview',
      reading: { mapping: mappingOf(result, changes), ...(headerRow !== null ? { headerRow } : {}) },
    });
  };

  const startOver = () => {
    mutation.reset();
    setFile(null);
    setSaved(null);
    setRemember(false);
    if (inputRef.current) inputRef.current.value = '';
  };

  const mappingStep = result && !result.committed && (editing || needsMapping(result));
  const changed = Object.keys(changes).length > 0 || (result !== undefined && headerRow !== result.headerRow);

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
          {failedCommit && isApiError(mutation.error, 422)
            ? t('commitFailed')
            : tErrors(errorMessageKey(mutation.error))}
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
          {result.mappingSource === 'saved' && result.savedMappingName && (
            <Alert color="blue" data-testid="import-saved-mapping">
              {t('savedApplied', { name: result.savedMappingName })}
            </Alert>
          )}
          {saved && (
            <Alert color={saved.ok ? 'green' : 'yellow'} data-testid="import-mapping-saved">
              {saved.ok ? t('mappingSaved', { name: saved.name }) : t('mappingSaveFailed')}
            </Alert>
          )}
          {result.errors.length > 0 ? <ErrorList errors={result.errors} /> : <Summary result={result} />}
          <Warnings report={result} />

          {result.columns.length > 0 && (
            <Stack gap="sm" data-testid={mappingStep ? 'import-mapping' : undefined}>
              <Group justify="space-between" align="flex-end">
                <Stack gap={2}>
                  <Title order={3} fz="md">
                    {mappingStep ? t('mappingTitle') : t('columnsTitle')}
                  </Title>
                  <Text size="sm" c="dimmed">
                    {mappingStep
                      ? t('mappingText')
                      : result.headerRow !== null
                        ? t('columnsText', { row: result.headerRow })
                        : t('columnsNoHeader')}
                  </Text>
                  {result.mappingSource === 'request' && !mappingStep && (
                    <Text size="sm" c="dimmed">
                      {t('requestApplied')}
                    </Text>
                  )}
                </Stack>
                {!mappingStep && !result.committed && (
                  <Button variant="subtle" size="xs" onClick={() => setEditing(true)}>
                    {t('editMapping')}
                  </Button>
                )}
              </Group>
              {mappingStep && (
                <NumberInput
                  label={t('headerRow')}
                  description={t('headerRowHint')}
                  min={1}
                  max={IMPORT_MAX_HEADER_ROW}
                  allowDecimal={false}
                  w={260}
                  value={headerRow ?? ''}
                  onChange={(value) => setHeaderRow(typeof value === 'number' ? value : null)}
                />
              )}
              <ColumnsTable
                report={result}
                changes={changes}
                onChange={
                  mappingStep ? (key, role) => setChanges((current) => ({ ...current, [key]: role })) : undefined
                }
              />
              {mappingStep && (
                <Group gap="sm">
                  <Button onClick={recheck} loading={mutation.isPending} variant={changed ? 'filled' : 'light'}>
                    {t('recheck')}
                  </Button>
                </Group>
              )}
            </Stack>
          )}

          {!result.committed && result.columns.length > 0 && schoolId && (
            <Stack gap="xs">
              <Checkbox
                label={t('remember')}
                checked={remember}
                onChange={(event) => setRemember(event.currentTarget.checked)}
              />
              {remember && (
                <TextInput
                  label={t('rememberName')}
                  description={t('rememberNameHint')}
                  placeholder={t('rememberDefault')}
                  maxLength={IMPORT_MAPPING_NAME_MAX_LENGTH}
                  w={360}
                  value={rememberName}
                  onChange={(event) => setRememberName(event.currentTarget.value)}
                />
              )}
            </Stack>
          )}

          <Group gap="sm">
            {result.committed ? (
              <Button component={Link} href={`/classes/${classId}`}>
                {t('toRoster')}
              </Button>
            ) : (
              <Button
                disabled={result.errors.length > 0 || importChangesNothing(result) || !file || changed}
                onClick={() => file && mutation.mutate({ file, mode: 'commit', reading: lastReading })}
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
