/**
 * Fills the load benchmark's database (already migrated by the server): the feed benchmark's district
 * (613 regions), residents and notices with their search index (bench/feed/seed.mjs, reused as is),
 * then what the mixed workload needs on top:
 * - topics: the virtual residents and 60% of the others follow their home region (any domain, any
 *   kind) with 3 one-time credits for the notice template — so every publication fans out pushes;
 * - staff: for each of the first `streets` streets a grid worker and a reviewer covering it, and a
 *   district admin who only sets the run up (the open consultations). Grants are `staff_role` rows,
 *   as an accepted invite leaves them.
 */
import { seed as seedFeed } from '../feed/seed.mjs';

export const NOTICE_TEMPLATE = 'TPL_NOTICE_PUBLISHED';
export const RESIDENT_PREFIX = 'o_bench_';
export const ADMIN_OPENID = 'o_load_admin';
export const CREDITS_PER_RESIDENT = 3;

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

export async function seed(conn, { notices, residents, virtualResidents, streets: streetCount, log = console.log }) {
  const { regions } = await seedFeed(conn, { notices, residents, log });
  const t0 = Date.now();
  const byId = new Map(regions.map((r) => [r.id, r]));
  const district = regions.find((r) => r.level === 'district');
  const streets = regions.filter((r) => r.level === 'street' || r.level === 'town').slice(0, streetCount);

  // The virtual residents, spread over the district: seeded resident j lives in home j mod (number of
  // homes) (bench/feed/seed.mjs), so every `stride`-th one lives in a different community or grid.
  const homes = regions.filter((r) => r.level === 'community' || r.level === 'village' || r.level === 'grid').length;
  const stride = Math.max(1, Math.floor(Math.min(residents, homes) / virtualResidents));
  const openids = Array.from({ length: virtualResidents }, (_, i) => `${RESIDENT_PREFIX}${i * stride}`);
  const [rows] = await conn.query('SELECT id, openid, home_region_id FROM app_user WHERE openid IN (?)', [openids]);
  if (rows.length !== virtualResidents) throw new Error(`only ${rows.length} of ${virtualResidents} virtual residents were seeded: give --population ≥ ${virtualResidents}`);
  const virtual = rows
    .map((r) => {
      const home = byId.get(Number(r.home_region_id));
      return { id: Number(r.id), openid: r.openid, homeRegionId: home.id, homePath: home.path };
    })
    .sort((a, b) => a.id - b.id);
  const virtualIds = virtual.map((v) => v.id);

  await conn.query(
    `INSERT INTO subscription (user_id, region_id, domain, kind)
     SELECT id, home_region_id, '', '' FROM app_user WHERE openid LIKE ? AND (id IN (?) OR MOD(id, 5) < 3)`,
    [`${RESIDENT_PREFIX}%`, virtualIds],
  );
  await conn.query(
    `INSERT INTO subscribe_credit (user_id, template_id, remaining, long_term, switched_off)
     SELECT s.user_id, ?, ?, 0, 0 FROM subscription s`,
    [NOTICE_TEMPLATE, CREDITS_PER_RESIDENT],
  );
  const [subscribed] = await conn.query('SELECT u.openid FROM subscription s JOIN app_user u ON u.id = s.user_id');

  const staff = [];
  const addUser = async (openid, name, homeRegionId) => {
    const [r] = await conn.query('INSERT INTO app_user (openid, display_name, home_region_id, elder_mode) VALUES (?, ?, ?, 0)', [openid, name, homeRegionId]);
    return r.insertId;
  };
  for (const [i, street] of streets.entries()) {
    for (const role of ['grid_worker', 'reviewer']) {
      const openid = `o_load_${role === 'grid_worker' ? 'grid' : 'reviewer'}_${i + 1}`;
      const id = await addUser(openid, `${street.name}${role === 'grid_worker' ? '网格员' : '审核人'}${NUMERALS[i] ?? i + 1}`, street.id);
      await conn.query('INSERT INTO staff_role (user_id, role, region_id) VALUES (?, ?, ?)', [id, role, street.id]);
      staff.push({ id, openid, role, street });
    }
  }
  const adminId = await addUser(ADMIN_OPENID, '平安区管理员', district.id);
  await conn.query("INSERT INTO staff_role (user_id, role, region_id) VALUES (?, 'admin', ?)", [adminId, district.id]);
  await conn.query('ANALYZE TABLE subscription, subscribe_credit, staff_role');
  const streetOf = (path) => path.split('/').filter(Boolean)[1];
  log(`  virtual residents: ${virtual.length} in ${new Set(virtual.map((v) => v.homeRegionId)).size} homes over ${new Set(virtual.map((v) => streetOf(v.homePath))).size} streets`);
  log(`  topics: ${subscribed.length} residents follow their home region (${CREDITS_PER_RESIDENT} credits each); staff: ${staff.length} over ${streets.length} streets + 1 admin (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  return { regions, district, streets, virtual, staff, subscribedOpenids: subscribed.map((r) => r.openid) };
}
