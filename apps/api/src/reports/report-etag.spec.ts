import { figuresEtag, reportJson } from './report-etag';

describe('reportJson', () => {
  const report = {
    asOf: '2026-12-04T18:40:00.000Z',
    schoolName: 'Школа № 5 «Радуга»',
    total: { students: { people: 3, shareDone: 0.667, steps: { max_account: { blockedByReason: {} } } } },
    classes: [{ className: '5А', note: null }],
  };

  it('gives the bytes JSON.stringify gives, in UTF-8, and the figures’ ETag', () => {
    const { body, etag } = reportJson(report);
    expect(body.toString('utf8')).toBe(JSON.stringify(report));
    expect(body.length).toBe(Buffer.byteLength(JSON.stringify(report), 'utf8'));
    expect(etag).toBe(figuresEtag('json', report));
  });

  it('keeps the ETag while only asOf changes, and changes it with a figure', () => {
    const later = { ...report, asOf: '2026-12-04T18:41:00.000Z' };
    expect(reportJson(later).etag).toBe(reportJson(report).etag);
    expect(reportJson({ ...report, schoolName: 'Школа № 6' }).etag).not.toBe(reportJson(report).etag);
  });

  it('answers a report of no figures but asOf', () => {
    const bare = { asOf: report.asOf };
    expect(reportJson(bare).body.toString('utf8')).toBe(JSON.stringify(bare));
  });
});
