/**
 * Who counts in a class: its students, and the parents of every family with a
 * student in it (a parent of children in two classes counts in both). Archived
 * people count nowhere.
 */
const CLASS_MEMBERS = `
  SELECT p.class_id, p.id AS person_id, p.kind, p.opted_out_at IS NOT NULL AS opted_out
  FROM person p
  WHERE p.class_id = ANY($1::uuid[]) AND p.archived_at IS NULL
  UNION
  SELECT s.class_id, p.id, p.kind, p.opted_out_at IS NOT NULL
  FROM person s
  JOIN person p ON p.family_id = s.family_id AND p.kind = 'parent' AND p.archived_at IS NULL
  WHERE s.class_id = ANY($1::uuid[]) AND s.kind = 'student' AND s.archived_at IS NULL`;

/** A member's class chat (the one for their audience; memberships exist only for that one) in `status`. */
const CLASS_CHAT_IN = (status: string) => `EXISTS (
  SELECT 1 FROM chat_membership cm JOIN chat ch ON ch.id = cm.chat_id
  WHERE cm.person_id = m.person_id AND ch.kind = 'class' AND ch.class_id = m.class_id AND ch.archived_at IS NULL
    AND cm.status = '${status}')`;

/**
 * A member's status as a whole (PERSON_STATUSES): opted out; connected (every
 * step done, their class chat joined); blocked (a step or that chat); in
 * progress (anything done or joined); not started. The person's steps are
 * always those of the school's current path.
 */
const OVERALL_STATUS = `CASE
  WHEN m.opted_out THEN 'opted_out'
  WHEN NOT EXISTS (SELECT 1 FROM person_step ps WHERE ps.person_id = m.person_id AND ps.status <> 'done')
       AND ${CLASS_CHAT_IN('joined')} THEN 'connected'
  WHEN EXISTS (SELECT 1 FROM person_step ps WHERE ps.person_id = m.person_id AND ps.status = 'blocked')
       OR ${CLASS_CHAT_IN('blocked')} THEN 'blocked'
  WHEN EXISTS (SELECT 1 FROM person_step ps WHERE ps.person_id = m.person_id AND ps.status = 'done')
       OR EXISTS (SELECT 1 FROM chat_membership cm JOIN chat ch ON ch.id = cm.chat_id
                  WHERE cm.person_id = m.person_id AND cm.status = 'joined' AND ch.archived_at IS NULL
                    AND (ch.class_id = m.class_id OR ch.kind = 'school')) THEN 'in_progress'
  ELSE 'not_started'
END`;

/**
 * The classes the people $1 count in, as CLASS_MEMBERS counts them: a student
 * in their own class, a parent in the class of each unarchived child.
 */
const MEMBERSHIPS = `
  SELECT p.id AS person_id, p.class_id
  FROM person p WHERE p.id = ANY($1::uuid[]) AND p.class_id IS NOT NULL AND p.archived_at IS NULL
  UNION
  SELECT p.id, s.class_id
  FROM person p
  JOIN person s ON s.family_id = p.family_id AND s.kind = 'student' AND s.archived_at IS NULL
  WHERE p.id = ANY($1::uuid[]) AND p.kind = 'parent' AND p.archived_at IS NULL`;

/** One `progress_event` per entry of $1..$7 and $12, in order ($8 source, $9 staff, $10 change id, $11 path). */
const INSERT_EVENTS = `INSERT INTO progress_event
      (district_id, school_id, person_id, path_id, step, chat_id, from_status, to_status, blocker_reason, blocker_note, opt_out_channel,
       source, actor_staff_id, change_id)
    SELECT p.district_id, p.school_id, u.person_id, $11, u.step, u.chat_id, u.from_status, u.to_status, u.reason, u.note, u.channel,
           $8, $9, $10
    FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $12::text[])
         WITH ORDINALITY AS u(person_id, step, chat_id, from_status, to_status, reason, note, channel, n)
    JOIN person p ON p.id = u.person_id
    ORDER BY u.n`;

/**
 * The statements of a progress change and of the class counters, in one place:
 * the repositories run them, and the benchmark's bare baseline
 * (bench/baseline-server.mjs) runs exactly the same text.
 */
export const PROGRESS_SQL = {
  /** $2: the family the people must belong to (a parent's link), or null. */
  lockPeople: `SELECT id, kind, version, archived_at, opted_out_at IS NOT NULL AS opted_out, opt_out_channel, opt_out_note
    FROM person WHERE id = ANY($1::uuid[]) AND ($2::uuid IS NULL OR family_id = $2) ORDER BY id FOR NO KEY UPDATE`,
  personStates: `SELECT person_id, step AS item, NULL::text AS chat_kind, NULL::uuid AS chat_class_id, status, blocker_reason, blocker_note,
           updated_at, updated_source
    FROM person_step WHERE person_id = ANY($1::uuid[])
    UNION ALL
    SELECT cm.person_id, cm.chat_id::text, ch.kind, ch.class_id, cm.status, cm.blocker_reason, cm.blocker_note, cm.updated_at,
           cm.updated_source
    FROM chat_membership cm JOIN chat ch ON ch.id = cm.chat_id AND ch.archived_at IS NULL
    WHERE cm.person_id = ANY($1::uuid[])`,
  updateSteps: `UPDATE person_step ps
    SET status = u.status, blocker_reason = u.reason, blocker_note = u.note, updated_at = now(), updated_source = $6
    FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) AS u(person_id, step, status, reason, note)
    WHERE ps.person_id = u.person_id AND ps.step = u.step`,
  updateChats: `UPDATE chat_membership cm
    SET status = u.status, blocker_reason = u.reason, blocker_note = u.note, updated_at = now(), updated_source = $6
    FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[]) AS u(person_id, chat_id, status, reason, note)
    WHERE cm.person_id = u.person_id AND cm.chat_id = u.chat_id`,
  insertEvents: INSERT_EVENTS,
  bumpVersions: `UPDATE person SET version = version + 1, updated_at = now() WHERE id = ANY($1::uuid[])`,
  /**
   * A change's writes in one statement: the steps ($13..$17) and chat
   * memberships ($18..$22) as updateSteps and updateChats write them (by
   * source $8), the people's versions ($23) as bumpVersions, and the events
   * ($1..$12) as insertEvents.
   */
  writeChange: `WITH steps AS (
      UPDATE person_step ps
      SET status = u.status, blocker_reason = u.reason, blocker_note = u.note, updated_at = now(), updated_source = $8
      FROM unnest($13::uuid[], $14::text[], $15::text[], $16::text[], $17::text[]) AS u(person_id, step, status, reason, note)
      WHERE ps.person_id = u.person_id AND ps.step = u.step
      RETURNING 1),
    chats AS (
      UPDATE chat_membership cm
      SET status = u.status, blocker_reason = u.reason, blocker_note = u.note, updated_at = now(), updated_source = $8
      FROM unnest($18::uuid[], $19::uuid[], $20::text[], $21::text[], $22::text[]) AS u(person_id, chat_id, status, reason, note)
      WHERE cm.person_id = u.person_id AND cm.chat_id = u.chat_id
      RETURNING 1),
    bumped AS (UPDATE person SET version = version + 1, updated_at = now() WHERE id = ANY($23::uuid[]) RETURNING 1)
    ${INSERT_EVENTS}`,
  lockClasses: `SELECT id FROM school_class WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE`,
  /**
   * The classes the people count in, locked as lockClasses locks them (in id
   * order), with who counts where. Read before the lock is granted, so
   * moveCounters checks it again.
   */
  lockClassesOfPeople: `WITH m AS (${MEMBERSHIPS})
    SELECT m.person_id, m.class_id FROM m JOIN school_class c ON c.id = m.class_id
    ORDER BY c.id, m.person_id FOR NO KEY UPDATE OF c`,
  /**
   * Moves the counters of locked classes by exact deltas ($4..$9, one per
   * counter): a counter that reaches 0 is deleted, a new one inserted, as a
   * recount would leave them. Only if the people ($1) still count in exactly
   * the classes that were locked ($2, $3 pairs): else nothing moves and
   * `matches` is false (the caller recounts). `moved`: how many counters
   * were found or made, which must be all of them.
   */
  moveCounters: `WITH fresh AS (${MEMBERSHIPS}),
    locked AS (SELECT * FROM unnest($2::uuid[], $3::uuid[]) AS l(person_id, class_id)),
    check_ AS (SELECT NOT EXISTS (SELECT person_id, class_id FROM fresh EXCEPT SELECT person_id, class_id FROM locked)
                  AND NOT EXISTS (SELECT person_id, class_id FROM locked EXCEPT SELECT person_id, class_id FROM fresh) AS matches),
    d AS (SELECT u.* FROM unnest($4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::int[])
                         AS u(class_id, kind, item, status, reason, delta)
          WHERE (SELECT matches FROM check_)),
    emptied AS (DELETE FROM class_progress cp USING d
      WHERE d.delta < 0 AND cp.class_id = d.class_id AND cp.person_kind = d.kind AND cp.item = d.item
        AND cp.status = d.status AND cp.blocker_reason = d.reason AND cp.people + d.delta = 0
      RETURNING 1),
    lowered AS (UPDATE class_progress cp SET people = cp.people + d.delta FROM d
      WHERE d.delta < 0 AND cp.class_id = d.class_id AND cp.person_kind = d.kind AND cp.item = d.item
        AND cp.status = d.status AND cp.blocker_reason = d.reason AND cp.people + d.delta > 0
      RETURNING 1),
    raised AS (INSERT INTO class_progress (class_id, district_id, school_id, person_kind, item, status, blocker_reason, people)
      SELECT d.class_id, c.district_id, c.school_id, d.kind, d.item, d.status, d.reason, d.delta
      FROM d JOIN school_class c ON c.id = d.class_id WHERE d.delta > 0
      ON CONFLICT (class_id, person_kind, item, status, blocker_reason) DO UPDATE SET people = class_progress.people + EXCLUDED.people
      RETURNING 1)
    SELECT (SELECT matches FROM check_) AS matches,
           ((SELECT count(*) FROM emptied) + (SELECT count(*) FROM lowered) + (SELECT count(*) FROM raised))::int AS moved`,
  deleteCounters: `DELETE FROM class_progress WHERE class_id = ANY($1::uuid[])`,
  recountClasses: `WITH members AS (${CLASS_MEMBERS}),
    counts AS (
      SELECT m.class_id, m.kind, ps.step AS item, CASE WHEN m.opted_out THEN 'opted_out' ELSE ps.status END AS status,
             CASE WHEN m.opted_out THEN '' ELSE COALESCE(ps.blocker_reason, '') END AS reason, count(*)::int AS people
      FROM members m JOIN person_step ps ON ps.person_id = m.person_id
      GROUP BY 1, 2, 3, 4, 5
      UNION ALL
      SELECT m.class_id, m.kind, 'chat_' || ch.kind, CASE WHEN m.opted_out THEN 'opted_out' ELSE cm.status END,
             CASE WHEN m.opted_out THEN '' ELSE COALESCE(cm.blocker_reason, '') END, count(*)::int
      FROM members m
      JOIN chat_membership cm ON cm.person_id = m.person_id
      JOIN chat ch ON ch.id = cm.chat_id AND ch.archived_at IS NULL
                  AND (ch.class_id = m.class_id OR ch.kind = 'school')
      GROUP BY 1, 2, 3, 4, 5
      UNION ALL
      SELECT class_id, kind, 'overall', status, '', count(*)::int
      FROM (SELECT m.class_id, m.kind, ${OVERALL_STATUS} AS status FROM members m) overall
      GROUP BY 1, 2, 4
    )
    INSERT INTO class_progress (class_id, district_id, school_id, person_kind, item, status, blocker_reason, people)
    SELECT counts.class_id, c.district_id, c.school_id, counts.kind, counts.item, counts.status, counts.reason, sum(counts.people)::int
    FROM counts JOIN school_class c ON c.id = counts.class_id
    GROUP BY 1, 2, 3, 4, 5, 6, 7`,
  classesOfPeople: `SELECT DISTINCT COALESCE(p.class_id, s.class_id) AS class_id
    FROM person p
    LEFT JOIN person s ON p.kind = 'parent' AND s.family_id = p.family_id AND s.kind = 'student' AND s.archived_at IS NULL
    WHERE p.id = ANY($1::uuid[]) AND COALESCE(p.class_id, s.class_id) IS NOT NULL`,
  setOptOut: `UPDATE person SET opted_out_at = CASE WHEN $2::text IS NULL THEN NULL ELSE COALESCE(opted_out_at, now()) END,
      opt_out_channel = $2, opt_out_note = $3, opt_out_source = CASE WHEN $2::text IS NULL THEN NULL ELSE $4 END
    WHERE id = ANY($1::uuid[])`,
} as const;
