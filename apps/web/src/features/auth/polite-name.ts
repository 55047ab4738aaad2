/**
 * How a letter or a greeting addresses a person whose name was typed as
 * "Фамилия Имя Отчество": by first name and patronymic ("Анна Сергеевна").
 * Any other shape is left as typed.
 */
export function politeName(fullName: string): string {
  const words = fullName.trim().split(/\s+/);
  return words.length === 3 ? `${words[1]} ${words[2]}` : fullName.trim();
}
