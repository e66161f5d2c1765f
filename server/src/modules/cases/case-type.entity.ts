import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CaseStepTemplate, Domain } from '@sunboard/shared';

/** A kind of application (低保申请 …) and its step template; open cases keep a copy of the steps. */
@Entity('case_type')
export class CaseType {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 40, unique: true })
  code!: string;

  @Column({ type: 'varchar', length: 30 })
  name!: string;

  @Column({ type: 'varchar', length: 40 })
  domain!: Domain;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'boolean' })
  active!: boolean;

  /** JSON: CaseStepTemplate[] in order. */
  @Column({ type: 'text', transformer: { to: (v: CaseStepTemplate[]) => JSON.stringify(v), from: (v: string) => JSON.parse(v) as CaseStepTemplate[] } })
  steps!: CaseStepTemplate[];

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
