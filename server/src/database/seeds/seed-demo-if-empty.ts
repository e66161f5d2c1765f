import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { FieldCipher } from '../../common/crypto/field-cipher';
import { Region } from '../../modules/regions/region.entity';
import { seedDemo } from './demo-seed';

/** Seeds the demo district only into an empty database (no regions yet); never touches real data. */
export async function seedDemoIfEmpty(db: DataSource, cipher: FieldCipher): Promise<boolean> {
  const count = await db.getRepository(Region).count();
  if (count > 0) return false;
  const summary = await seedDemo(db, cipher);
  new Logger('Seed').log(summary, 'demo data seeded');
  return true;
}
