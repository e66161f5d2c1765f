import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The one shared WeChat access token per appid (from stable_token). Every server and worker
 * instance reads this row; none calls cgi-bin/token, which would invalidate the others' tokens.
 */
@Entity({ name: 'wechat_token' })
export class WechatToken {
  @PrimaryColumn({ name: 'appid', type: 'varchar', length: 64 })
  appid: string;

  @Column({ name: 'access_token', type: 'varchar', length: 512 })
  accessToken: string;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}
