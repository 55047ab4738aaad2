import { loggablePath } from './logging';

describe('loggablePath', () => {
  it('drops the query string', () => {
    expect(loggablePath('/api/schools?search=Иванов')).toBe('/api/schools');
  });

  it('hides token-like path segments', () => {
    const token = 'q7Vb3kX9_wZ2-mN8pR4tY6uI1oP5aS0dF3gH7jK9lL2';
    expect(loggablePath(`/api/parent/${token}/steps`)).toBe('/api/parent/[redacted]/steps');
  });

  it('keeps ordinary paths and uuids readable', () => {
    expect(loggablePath('/api/classes/3f1c2a4e-1111-4c1b-9a55-0d2e5c7b8a90')).toBe(
      '/api/classes/3f1c2a4e-1111-4c1b-9a55-0d2e5c7b8a90',
    );
  });
});
