import { describe, expect, it } from '@jest/globals';
import { MAX_PATH, STEP_NOTE_MAX_LENGTH } from '@sferum/contracts';
import { changedNotes, noteTooLong } from './step-notes';

describe('changedNotes', () => {
  it('sends only the steps whose note changed, trimmed, and an emptied one as ""', () => {
    const saved = { max_account: 'Веб-версия: web.max.ru', school_profile: 'Роль подтверждает Ирина Петровна' };
    const edited = { max_account: '  Веб-версия: web.max.ru ', school_profile: '' };
    expect(changedNotes(MAX_PATH, saved, edited)).toEqual([{ step: 'school_profile', note: '' }]);
  });

  it('sends a new note and nothing for steps left empty', () => {
    expect(changedNotes(MAX_PATH, {}, { school_profile: ' каб. 12 ' })).toEqual([
      { step: 'school_profile', note: 'каб. 12' },
    ]);
  });

  it('ignores notes of steps that are not on the path', () => {
    expect(changedNotes(MAX_PATH, { vk_id: 'старое' }, { vk_id: '' })).toEqual([]);
  });
});

describe('noteTooLong', () => {
  it('counts the note as the API stores it, trimmed', () => {
    expect(noteTooLong(` ${'я'.repeat(STEP_NOTE_MAX_LENGTH)} `)).toBe(false);
    expect(noteTooLong('я'.repeat(STEP_NOTE_MAX_LENGTH + 1))).toBe(true);
  });
});
