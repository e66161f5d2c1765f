import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Adoption, CommentHoldReason, CommentStatus, ConsultationType, Domain } from '@sunboard/shared';

/** A draft decision open for comments from `opensAt` to `closesAt`; concluded once its adoption report is published. */
@Entity({ name: 'consultation' })
export class Consultation {
  @PrimaryGeneratedColumn({ name: 'id' })
  id: number;

  @Column({ name: 'title', type: 'varchar', length: 120 })
  title: string;

  @Column({ name: 'summary', type: 'text' })
  summary: string;

  @Column({ name: 'basis', type: 'text' })
  basis: string;

  @Column({ name: 'publisher', type: 'varchar', length: 100 })
  publisher: string;

  @Column({ name: 'contact', type: 'varchar', length: 100 })
  contact: string;

  @Column({ name: 'type', type: 'varchar', length: 24 })
  type: ConsultationType;

  @Column({ name: 'domain', type: 'varchar', length: 40 })
  domain: Domain;

  @Column({ name: 'region_id', type: 'integer' })
  regionId: number;

  @Column({ name: 'opens_at', type: 'datetime', precision: 3 })
  opensAt: Date;

  @Column({ name: 'closes_at', type: 'datetime', precision: 3 })
  closesAt: Date;

  @Column({ name: 'open_to_all', type: 'boolean', default: false })
  openToAll: boolean;

  @Column({ name: 'pre_moderation', type: 'boolean', default: false })
  preModeration: boolean;

  @Column({ name: 'private_comments', type: 'boolean', default: false })
  privateComments: boolean;

  @Column({ name: 'result_notice_id', type: 'integer', nullable: true })
  resultNoticeId: number | null;

  @Column({ name: 'concluded_at', type: 'datetime', precision: 3, nullable: true })
  concludedAt: Date | null;

  @Column({ name: 'change_summary', type: 'text', nullable: true })
  changeSummary: string | null;

  @Column({ name: 'reminded_at', type: 'datetime', precision: 3, nullable: true })
  remindedAt: Date | null;

  @Column({ name: 'created_by', type: 'integer' })
  createdBy: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}

@Entity({ name: 'consultation_paragraph' })
export class ConsultationParagraph {
  @PrimaryGeneratedColumn({ name: 'id' })
  id: number;

  @Column({ name: 'consultation_id', type: 'integer' })
  consultationId: number;

  @Column({ name: 'position', type: 'integer' })
  position: number;

  @Column({ name: 'heading', type: 'varchar', length: 20 })
  heading: string;

  @Column({ name: 'body', type: 'text' })
  body: string;
}

/** One comment. 代录 comments: `authorId` null, `enteredBy` the grid worker, the resident's name and contact encrypted. */
@Entity({ name: 'consultation_comment' })
export class ConsultationComment {
  @PrimaryGeneratedColumn({ name: 'id' })
  id: number;

  @Column({ name: 'consultation_id', type: 'integer' })
  consultationId: number;

  @Column({ name: 'paragraph_id', type: 'integer', nullable: true })
  paragraphId: number | null;

  @Column({ name: 'author_id', type: 'integer', nullable: true })
  authorId: number | null;

  /** Already masked (张*) when stored; 居民（网格员代录） for 代录. */
  @Column({ name: 'author_name', type: 'varchar', length: 40 })
  authorName: string;

  @Column({ name: 'entered_by', type: 'integer', nullable: true })
  enteredBy: number | null;

  @Column({ name: 'proxy_name_enc', type: 'text', nullable: true })
  proxyNameEnc: string | null;

  @Column({ name: 'proxy_contact_enc', type: 'text', nullable: true })
  proxyContactEnc: string | null;

  @Column({ name: 'body', type: 'text' })
  body: string;

  @Column({ name: 'body_hash', type: 'varchar', length: 64 })
  bodyHash: string;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status: CommentStatus;

  @Column({ name: 'hold_reason', type: 'varchar', length: 24, nullable: true })
  holdReason: CommentHoldReason | null;

  @Column({ name: 'hidden_reason', type: 'varchar', length: 200, nullable: true })
  hiddenReason: string | null;

  @Column({ name: 'moderated_by', type: 'integer', nullable: true })
  moderatedBy: number | null;

  @Column({ name: 'moderated_at', type: 'datetime', precision: 3, nullable: true })
  moderatedAt: Date | null;

  @Column({ name: 'report_count', type: 'integer', default: 0 })
  reportCount: number;

  @Column({ name: 'support_count', type: 'integer', default: 0 })
  supportCount: number;

  @Column({ name: 'sec_label', type: 'integer', nullable: true })
  secLabel: number | null;

  @Column({ name: 'sec_trace_id', type: 'varchar', length: 64, nullable: true })
  secTraceId: string | null;

  @Column({ name: 'adoption', type: 'varchar', length: 16, nullable: true })
  adoption: Adoption | null;

  @Column({ name: 'adoption_reason', type: 'text', nullable: true })
  adoptionReason: string | null;

  @Column({ name: 'answered_by', type: 'integer', nullable: true })
  answeredBy: number | null;

  @Column({ name: 'answered_at', type: 'datetime', precision: 3, nullable: true })
  answeredAt: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}

/** An official reply under a comment. */
@Entity({ name: 'consultation_reply' })
export class ConsultationReply {
  @PrimaryGeneratedColumn({ name: 'id' })
  id: number;

  @Column({ name: 'comment_id', type: 'integer' })
  commentId: number;

  @Column({ name: 'author_id', type: 'integer' })
  authorId: number;

  @Column({ name: 'body', type: 'text' })
  body: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
