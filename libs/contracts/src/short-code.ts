/**
 * The short code printed on a family's letter, typed at `<site>/p`: 12
 * symbols of a 32-letter alphabet (60 bits), in three groups ("K7MQ-4XTD-9RZE").
 * No 0/O and no 1/I, so nothing on paper can be read two ways; Cyrillic letters
 * that look like Latin ones (a phone keyboard left on Russian) are read as
 * those; case, spaces and dashes do not matter.
 */
export const SHORT_CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const SHORT_CODE_LENGTH = 12;
const GROUP = 4;

const CYRILLIC_LOOKALIKES: Record<string, string> = {
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  Р: 'P',
  С: 'C',
  Т: 'T',
  У: 'Y',
  Х: 'X',
  З: '3',
};

/** The code as stored (12 symbols, upper case), or null when the input cannot be one. */
export function normalizeShortCode(input: string): string | null {
  const symbols = [...input.toLocaleUpperCase('ru-RU')]
    .filter((char) => !/[\s\-–—.]/.test(char))
    .map((char) => CYRILLIC_LOOKALIKES[char] ?? char)
    .join('');
  if (symbols.length !== SHORT_CODE_LENGTH) return null;
  return [...symbols].every((char) => SHORT_CODE_ALPHABET.includes(char)) ? symbols : null;
}

/** "K7MQ4XTD9RZE" → "K7MQ-4XTD-9RZE": how it is printed and shown. */
export function formatShortCode(code: string): string {
  const groups: string[] = [];
  for (let i = 0; i < code.length; i += GROUP) groups.push(code.slice(i, i + GROUP));
  return groups.join('-');
}

/** The page where a parent types the code from the letter. */
export const SHORT_CODE_PAGE_PATH = '/p';
