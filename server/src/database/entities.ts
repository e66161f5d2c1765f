import { Region } from '../modules/regions/region.entity';
import { StaffInvite } from '../modules/staff/staff-invite.entity';
import { StaffRoleGrant } from '../modules/users/staff-role.entity';
import { User } from '../modules/users/user.entity';
import { WechatToken } from '../modules/wechat/wechat-token.entity';
import { Notice } from '../modules/notices/notice.entity';
import { AuditLog } from '../modules/audit/audit-log.entity';
import { NoticeVersion } from '../modules/notices/notice-version.entity';
import { NoticeWorkflowState } from '../modules/notices/notice-workflow.entity';
import { NoticeRead } from '../modules/notices/notice-read.entity';
import { Attachment } from '../modules/uploads/attachment.entity';
import { NoticeTable } from '../modules/uploads/notice-table.entity';
import { Subscription } from '../modules/push/entities/subscription.entity';
import { SubscribeCredit } from '../modules/push/entities/subscribe-credit.entity';
import { PushOutbox } from '../modules/push/entities/push-outbox.entity';
import { InboxItem } from '../modules/push/entities/inbox-item.entity';
import { PushEvent } from '../modules/push/entities/push-event.entity';
import { CalendarDay } from '../modules/calendar/calendar-day.entity';
import { CalendarYear } from '../modules/calendar/calendar-year.entity';
import { CaseType } from '../modules/cases/case-type.entity';
import { ServiceCase } from '../modules/cases/service-case.entity';
import { CaseStep } from '../modules/cases/case-step.entity';
import { CaseEvent } from '../modules/cases/case-event.entity';
import { Consultation, ConsultationComment, ConsultationParagraph, ConsultationReply } from '../modules/consultations/consultation.entity';
import { Rating } from '../modules/ratings/rating.entity';
import { RatingFollowup } from '../modules/ratings/rating-followup.entity';

/** Every entity TypeORM maps. Add new ones here. */
export const ENTITIES = [Region, User, StaffRoleGrant, StaffInvite, WechatToken, Notice, AuditLog, NoticeVersion, NoticeWorkflowState, NoticeRead, Attachment, NoticeTable, Subscription, SubscribeCredit, PushOutbox, InboxItem, PushEvent, CalendarDay, CalendarYear, CaseType, ServiceCase, CaseStep, CaseEvent, Consultation, ConsultationParagraph, ConsultationComment, ConsultationReply, Rating, RatingFollowup];
