import { type MigrationInterface, type QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { timeColumn } from '../migration-helpers';

/**
 * Delivery receipts (issue 4, item 6), an addition to the Push migration's contract:
 * - `push_outbox.delivered_at`: when WeChat's `subscribe_msg_sent_event` confirmed delivery
 *   (a failed delivery turns the row `failed`/`refused` with the receipt's code in `last_error`).
 * - `ix_push_outbox_msgid` (msgid): a receipt names only the msgid, one receipt per message sent;
 *   without the index each would read the whole outbox.
 */
export class PushDelivery1764150600000 implements MigrationInterface {
  name = 'PushDelivery1764150600000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('push_outbox', new TableColumn(timeColumn(q, 'delivered_at', { nullable: true })));
    await q.createIndex('push_outbox', new TableIndex({ name: 'ix_push_outbox_msgid', columnNames: ['msgid'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('push_outbox', 'ix_push_outbox_msgid');
    await q.dropColumn('push_outbox', 'delivered_at');
  }
}
