import type { CaseStepTemplate, Domain } from '@sunboard/shared';

export interface DefaultCaseType {
  code: string;
  name: string;
  domain: Domain;
  description: string;
  steps: CaseStepTemplate[];
}

const step = (name: string, role: CaseStepTemplate['role'], limitDays: number, prepare = '', publicity = false): CaseStepTemplate => ({ name, role, limitDays, prepare, publicity });

const ID_AND_HOUSEHOLD = '申请人及共同生活家庭成员的身份证、户口簿';

/**
 * The case types every installation starts with (issue 5): the usual 社会救助 and subsidy procedures
 * of a street office, with limits in working days from the common local rules (低保: 30 working days
 * in all, 公示 7 days). Admins edit them afterwards; cases already open keep the steps they opened with.
 */
export const DEFAULT_CASE_TYPES: DefaultCaseType[] = [
  {
    code: 'dibao',
    name: '低保申请',
    domain: 'social_assistance',
    description: '城乡最低生活保障：家庭人均收入低于当地低保标准、财产符合规定的家庭可以申请。',
    steps: [
      step('申请', 'grid_worker', 1, `${ID_AND_HOUSEHOLD}；书面申请书；家庭收入和财产情况说明；授权核对家庭经济状况的声明`),
      step('受理', 'grid_worker', 3, '材料齐全的当场受理；不齐全的会一次性告知需要补正的材料'),
      step('入户调查', 'grid_worker', 10, '请保持电话畅通，工作人员会上门核实家庭人口、收入、财产和生活情况，请在家配合'),
      step('民主评议', 'reviewer', 5, '村（居）民代表会议评议，无需准备材料'),
      step('公示', 'reviewer', 5, '在村（社区）公示栏和本小程序公示 7 天，如有异议可向街道（乡镇）反映', true),
      step('审批', 'reviewer', 5, '无需准备材料，请等待审批结果'),
      step('发放', 'admin', 5, '请提供本人银行卡或社保卡账号，低保金按月发放到账'),
    ],
  },
  {
    code: 'tekun',
    name: '特困供养',
    domain: 'social_assistance',
    description: '无劳动能力、无生活来源、无法定赡养抚养扶养义务人的老年人、残疾人和未成年人可以申请特困人员救助供养。',
    steps: [
      step('申请', 'grid_worker', 1, `${ID_AND_HOUSEHOLD}；书面申请书；残疾证或相关证明（如有）`),
      step('受理', 'grid_worker', 3, '材料齐全的当场受理'),
      step('调查核实', 'grid_worker', 10, '工作人员会上门核实，请在家配合'),
      step('公示', 'reviewer', 5, '在村（社区）公示 7 天', true),
      step('审批', 'reviewer', 5, '无需准备材料，请等待审批结果'),
      step('供养', 'admin', 5, '选择集中供养或分散供养，分散供养的请确定照料服务人'),
    ],
  },
  {
    code: 'linshi',
    name: '临时救助',
    domain: 'social_assistance',
    description: '因火灾、交通事故、突发重大疾病等原因导致基本生活暂时出现严重困难的家庭或个人可以申请。',
    steps: [
      step('申请', 'grid_worker', 1, `${ID_AND_HOUSEHOLD}；书面申请书；困难情况的证明材料（如医疗费用票据、事故证明）`),
      step('受理审核', 'grid_worker', 3, '材料齐全的当场受理'),
      step('审批', 'reviewer', 5, '无需准备材料，请等待审批结果'),
      step('发放', 'admin', 3, '请提供本人银行卡或社保卡账号'),
    ],
  },
  {
    code: 'gaoling',
    name: '高龄津贴',
    domain: 'elderly_care',
    description: '年满 80 周岁的本地户籍老年人可以申请高龄津贴。',
    steps: [
      step('申请', 'grid_worker', 1, '老人身份证、户口簿；代办的请带代办人身份证'),
      step('受理审核', 'grid_worker', 5, '材料齐全的当场受理'),
      step('公示', 'reviewer', 5, '在村（社区）公示 7 天', true),
      step('审批', 'reviewer', 5, '无需准备材料，请等待审批结果'),
      step('发放', 'admin', 10, '请提供老人本人银行卡或社保卡账号，津贴按月发放'),
    ],
  },
  {
    code: 'canji',
    name: '残疾人两项补贴',
    domain: 'social_assistance',
    description: '困难残疾人生活补贴和重度残疾人护理补贴。',
    steps: [
      step('申请', 'grid_worker', 1, '申请人身份证、户口簿、第二代残疾人证；低保或困难证明（申请生活补贴时）'),
      step('受理', 'grid_worker', 3, '材料齐全的当场受理'),
      step('初审', 'reviewer', 10, '工作人员可能上门核实，请在家配合'),
      step('审核审批', 'reviewer', 10, '无需准备材料，请等待审批结果'),
      step('发放', 'admin', 10, '请提供本人银行卡或社保卡账号，补贴按月发放'),
    ],
  },
  {
    code: 'gengdi',
    name: '耕地地力保护补贴',
    domain: 'agricultural_subsidy',
    description: '拥有耕地承包权的种地农民按确权面积申报耕地地力保护补贴。',
    steps: [
      step('申报', 'grid_worker', 1, '承包户主身份证、土地承包经营权证、一卡通（社保卡）账号'),
      step('村级核实', 'grid_worker', 10, '村委会核实面积，请在地块核实时到场'),
      step('公示', 'reviewer', 5, '补贴面积和金额在村公示栏和本小程序公示 7 天', true),
      step('乡镇审核', 'reviewer', 10, '无需准备材料'),
      step('发放', 'admin', 15, '补贴通过一卡通（社保卡）发放，请确认账号可用'),
    ],
  },
];
