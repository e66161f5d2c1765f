import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An admin's correction to the holiday calendar: this date is a working day or a day off. */
@Entity('calendar_day')
export class CalendarDay {
  /** `YYYY-MM-DD` (Beijing date). */
  @PrimaryColumn({ type: 'varchar', length: 10 })
  date!: string;

  @Column({ type: 'boolean' })
  work!: boolean;

  /** e.g. 元旦, 春节调休上班. */
  @Column({ type: 'varchar', length: 40 })
  name!: string;

  @Column({ name: 'updated_by', type: 'int', nullable: true })
  updatedBy!: number | null;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
