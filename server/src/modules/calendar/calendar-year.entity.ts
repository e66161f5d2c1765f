import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A year whose holidays and make-up days an admin has entered in full (from the State Council's
 * announcement): deadlines running into it are no longer provisional.
 */
@Entity('calendar_year')
export class CalendarYear {
  @PrimaryColumn({ type: 'int' })
  year!: number;

  @Column({ name: 'confirmed_by', type: 'int', nullable: true })
  confirmedBy!: number | null;

  @Column({ name: 'confirmed_at', type: 'datetime' })
  confirmedAt!: Date;
}
