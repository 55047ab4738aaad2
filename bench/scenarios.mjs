// The five measured requests, each drawing its inputs from the fixtures, and
// the table they end in.

/** A client address outside the private ranges, so each request counts as another parent. */
const randomAddress = () => `198.18.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`;
const pick = (list) => list[Math.floor(Math.random() * list.length)];

/** `targets`: the names of the servers measured (api, baseline, lean), each given its own share of the confirmations. */
export function scenarios(fixtures, targets = ['api', 'baseline']) {
  const pageRequest = (token) => ({
    method: 'GET',
    path: '/api/parent/family',
    headers: { 'x-parent-token': token, 'x-forwarded-for': randomAddress() },
  });
  const classRequest = (view) => ({
    method: 'GET',
    path: `/api/classes/${view.classId}/roster`,
    headers: { cookie: view.cookie },
  });
  const reportRequest = (path) => ({
    method: 'GET',
    path,
    headers: { authorization: `Bearer ${pick(fixtures.keys)}` },
  });
  // An equal share of the people for each server: every confirmation is a real change.
  const confirmations = Object.fromEntries(
    targets.map((target, n) => [target, fixtures.confirmations.filter((_, index) => index % targets.length === n)]),
  );
  const cursor = Object.fromEntries(targets.map((target) => [target, 0]));
  return [
    {
      id: 'parent-page',
      title: 'Parent opens their page (GET /api/parent/family)',
      comparable: true,
      samples: () => fixtures.compare.pageTokens.map((token) => () => pageRequest(token)),
      request: () => dynamic(() => pageRequest(pick(fixtures.pageTokens))),
    },
    {
      id: 'parent-confirm',
      title: "Parent confirms the first step of the school's path, or undoes it (PUT …/steps/max_account or vk_id)",
      comparable: false,
      request: (target) =>
        dynamic(() => {
          const list = confirmations[target];
          const { personId, step, token } = list[cursor[target] % list.length];
          // Each pass over the people sets the step the other way (done, then not started again): every request
          // a real change however long the run, where a second pass of "done" would change nothing.
          const status = Math.floor(cursor[target]++ / list.length) % 2 === 0 ? 'done' : 'not_started';
          return {
            method: 'PUT',
            path: `/api/parent/people/${personId}/steps/${step}`,
            // As the web's form does: it redirects to the page, which reads the family again.
            headers: {
              'x-parent-token': token,
              'x-forwarded-for': randomAddress(),
              'content-type': 'application/json',
              prefer: 'return=minimal',
            },
            body: JSON.stringify({ status }),
          };
        }),
    },
    {
      id: 'class-view',
      title: "Teacher's class view (GET /api/classes/:id/roster)",
      comparable: true,
      samples: () => fixtures.compare.teacherViews.map((view) => () => classRequest(view)),
      request: () => dynamic(() => classRequest(pick(fixtures.teacherViews))),
    },
    {
      id: 'district-report',
      title: 'District report, large district (GET /api/v1/reports/district)',
      comparable: true,
      samples: () => [() => reportRequest('/api/v1/reports/district')],
      request: () => dynamic(() => reportRequest('/api/v1/reports/district')),
    },
    {
      id: 'school-report',
      title: 'School report (GET /api/v1/reports/schools/:id)',
      comparable: true,
      samples: () =>
        fixtures.compare.schoolIds.map((schoolId) => () => reportRequest(`/api/v1/reports/schools/${schoolId}`)),
      request: () => dynamic(() => reportRequest(`/api/v1/reports/schools/${pick(fixtures.schoolIds)}`)),
    },
  ];
}

/** An autocannon request whose method, path, headers and body are drawn anew each time. */
function dynamic(draw) {
  return { setupRequest: (request) => ({ ...request, ...draw() }) };
}

/**
 * One line per endpoint: the API, the same-SQL baseline and the lean ceiling
 * (req/s, p99, failures), and the API's share of each.
 */
export function printTable(rows) {
  const header = [
    'Endpoint',
    'API req/s',
    'p50 ms',
    'p99 ms',
    'non-2xx/err',
    'Baseline req/s',
    'p99 ms',
    'non-2xx/err',
    'Lean req/s',
    'p99 ms',
    'non-2xx/err',
    'API/baseline',
    'API/lean',
  ];
  const ratio = (a, b) => (b ? (a.requestsPerSecond / Math.max(1, b.requestsPerSecond)).toFixed(2) : '–');
  const figures = (result) =>
    result ? [result.requestsPerSecond, result.p99, `${result.non2xx}/${result.errors}`] : ['–', '–', '–'];
  const lines = rows.map(({ scenario, api, baseline, lean }) => [
    scenario.id,
    api.requestsPerSecond,
    api.p50,
    api.p99,
    `${api.non2xx}/${api.errors}`,
    ...figures(baseline),
    ...figures(lean),
    ratio(api, baseline),
    ratio(api, lean),
  ]);
  const table = [header, ...lines].map((cells) => `| ${cells.join(' | ')} |`);
  table.splice(1, 0, `|${header.map(() => ' --- ').join('|')}|`);
  console.log(table.join('\n'));
}
