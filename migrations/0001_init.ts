import { type Kysely, sql } from 'kysely'

// The first schema: users and their tokens, uploads, activities with laps and packed sample
// streams, and the athlete profile the analysis needs. Append-only: never edit once merged.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_sha256', 'bytea', (c) => c.notNull().unique())
    .addColumn('label', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .execute()

  await db.schema
    .createTable('profiles')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('sex', 'text', (c) => c.check(sql`sex in ('male', 'female')`))
    .addColumn('birth_year', 'integer')
    .addColumn('weight_kg', 'double precision')
    .addColumn('height_cm', 'double precision')
    .addColumn('hr_rest', 'double precision')
    .addColumn('hr_max', 'double precision')
    .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('UTC'))
    .addColumn('goals', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .createTable('uploads')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('parent_id', 'uuid', (c) => c.references('uploads.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .defaultTo('file')
        .check(sql`kind in ('file', 'archive')`),
    )
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('object_key', 'text', (c) => c.notNull())
    .addColumn('content_sha256', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('queued', 'processing', 'done', 'failed', 'duplicate', 'skipped')`),
    )
    .addColumn('error_code', 'text')
    .addColumn('error_message', 'text')
    .addColumn('activity_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('duplicate_rule', 'text')
    .addColumn('external_id', 'text')
    .addColumn('sport_override', 'text')
    .addColumn('name_override', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .execute()
  await db.schema.createIndex('uploads_user_created').on('uploads').columns(['user_id', 'created_at', 'id']).execute()
  await db.schema.createIndex('uploads_user_sha').on('uploads').columns(['user_id', 'content_sha256']).execute()
  await db.schema.createIndex('uploads_parent').on('uploads').column('parent_id').where('parent_id', 'is not', null).execute()
  // The reconciler scans only unfinished uploads.
  await db.schema
    .createIndex('uploads_unfinished')
    .on('uploads')
    .column('updated_at')
    .where(sql.ref('status'), 'in', ['queued', 'processing'])
    .execute()

  await db.schema
    .createTable('activities')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('upload_id', 'uuid', (c) => c.notNull().references('uploads.id').onDelete('cascade'))
    .addColumn('content_sha256', 'text', (c) => c.notNull())
    .addColumn('session_index', 'integer', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('device', 'text')
    .addColumn('file_serial', 'text')
    .addColumn('file_created_at', 'timestamptz')
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('compressed', 'boolean', (c) => c.notNull())
    .addColumn('declared_sport', 'text')
    .addColumn('sport', 'text', (c) => c.notNull())
    .addColumn('sport_source', 'text', (c) => c.notNull())
    .addColumn('sport_confidence', 'double precision', (c) => c.notNull())
    .addColumn('intervals', 'boolean', (c) => c.notNull())
    .addColumn('work_bouts', 'jsonb', (c) => c.notNull())
    .addColumn('start_time', 'timestamptz', (c) => c.notNull())
    .addColumn('local_start_time', 'text')
    .addColumn('elapsed_s', 'double precision', (c) => c.notNull())
    .addColumn('moving_s', 'double precision', (c) => c.notNull())
    .addColumn('distance_m', 'double precision')
    .addColumn('hr_avg', 'double precision')
    .addColumn('hr_max', 'double precision')
    .addColumn('hr_min', 'double precision')
    .addColumn('hr_zones_s', sql`double precision[]`, (c) => c.notNull())
    .addColumn('trimp', 'double precision')
    .addColumn('energy_kcal', 'double precision', (c) => c.notNull())
    .addColumn('energy_source', 'text', (c) => c.notNull())
    .addColumn('samples', 'integer', (c) => c.notNull())
    .addColumn('laps', 'integer', (c) => c.notNull())
    .addColumn('flags', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('assumed', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // One activity per session of a file per user: a job that runs twice cannot make a second one.
    .addUniqueConstraint('activities_user_content_session', ['user_id', 'content_sha256', 'session_index'])
    .execute()
  await db.schema.createIndex('activities_user_start').on('activities').columns(['user_id', 'start_time', 'id']).execute()
  await db.schema.createIndex('activities_upload').on('activities').column('upload_id').execute()

  await db.schema
    .createTable('laps')
    .addColumn('activity_id', 'uuid', (c) => c.notNull().references('activities.id').onDelete('cascade'))
    .addColumn('lap_index', 'integer', (c) => c.notNull())
    .addColumn('start_s', 'double precision', (c) => c.notNull())
    .addColumn('elapsed_s', 'double precision', (c) => c.notNull())
    .addColumn('timer_s', 'double precision')
    .addColumn('distance_m', 'double precision')
    .addColumn('intensity', 'text')
    .addColumn('calories_kcal', 'double precision')
    .addColumn('avg_hr_bpm', 'double precision')
    .addColumn('max_hr_bpm', 'double precision')
    .addPrimaryKeyConstraint('laps_pk', ['activity_id', 'lap_index'])
    .execute()

  // One row per activity; each channel is a little-endian typed array (Float64 or Float32).
  await db.schema
    .createTable('activity_streams')
    .addColumn('activity_id', 'uuid', (c) => c.primaryKey().references('activities.id').onDelete('cascade'))
    .addColumn('sample_count', 'integer', (c) => c.notNull())
    .addColumn('time_s', 'bytea', (c) => c.notNull())
    .addColumn('heart_rate_bpm', 'bytea')
    .addColumn('distance_m', 'bytea')
    .addColumn('speed_mps', 'bytea')
    .addColumn('cadence_rpm', 'bytea')
    .addColumn('power_w', 'bytea')
    .addColumn('lat_deg', 'bytea')
    .addColumn('lng_deg', 'bytea')
    .addColumn('altitude_m', 'bytea')
    .execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['activity_streams', 'laps', 'activities', 'uploads', 'profiles', 'api_tokens', 'users']) {
    await db.schema.dropTable(table).ifExists().execute()
  }
}
