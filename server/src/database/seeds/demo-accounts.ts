/**
 * The demo district's accounts (plain data: scripts print this table, the seed creates the users).
 * Log in as one of them through the fake WeChat with its openid. For staff, `regionCode` is the
 * region their role covers (a grid worker's is also their home community); for residents it is the
 * home community or village (null: a first-time user who has not chosen one yet).
 */
export interface DemoAccount {
  openid: string;
  displayName: string;
  role: 'resident' | 'grid_worker' | 'reviewer' | 'admin';
  regionCode: string | null;
  description: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    openid: 'o_demo_admin',
    displayName: '陈静（区政务公开办）',
    role: 'admin',
    regionCode: '410411',
    description: '湛河区管理员：管理全区区域和工作人员、统计与导出，录入区级公开信息',
  },
  {
    openid: 'o_demo_reviewer_district',
    displayName: '刘文华（区政务公开办审核）',
    role: 'reviewer',
    regionCode: '410411',
    description: '区级审核人：审核区直部门和各街道（乡）提交的公开信息',
  },
  {
    openid: 'o_demo_reviewer_mazhuang',
    displayName: '王建华（马庄街道党政办）',
    role: 'reviewer',
    regionCode: '410411004',
    description: '马庄街道审核人：审核光明社区、建设路社区提交的公开信息',
  },
  {
    openid: 'o_demo_reviewer_hebin',
    displayName: '刘敏（河滨街道党政办）',
    role: 'reviewer',
    regionCode: '410411006',
    description: '河滨街道审核人：审核湛南社区、滨河社区提交的公开信息（有一条待审核）',
  },
  {
    openid: 'o_demo_reviewer_beidu',
    displayName: '孙国强（北渡街道党政办）',
    role: 'reviewer',
    regionCode: '410411007',
    description: '北渡街道审核人：审核北渡村提交的公开信息',
  },
  {
    openid: 'o_demo_reviewer_caozhen',
    displayName: '赵红梅（曹镇乡党政办）',
    role: 'reviewer',
    regionCode: '410411200',
    description: '曹镇乡审核人：审核曹镇村、柳庄村提交的公开信息（有一条待审核）',
  },
  {
    openid: 'o_demo_grid_guangming',
    displayName: '李娜（光明社区网格员）',
    role: 'grid_worker',
    regionCode: '410411004001',
    description: '光明社区网格员：发布本社区公示和通知（有一条草稿）',
  },
  {
    openid: 'o_demo_grid_jianshelu',
    displayName: '周强（建设路社区网格员）',
    role: 'grid_worker',
    regionCode: '410411004002',
    description: '建设路社区网格员',
  },
  {
    openid: 'o_demo_grid_zhannan',
    displayName: '马丽（湛南社区网格员）',
    role: 'grid_worker',
    regionCode: '410411006001',
    description: '湛南社区网格员（有一条待审核的公示）',
  },
  {
    openid: 'o_demo_grid_binhe',
    displayName: '郭涛（滨河社区网格员）',
    role: 'grid_worker',
    regionCode: '410411006002',
    description: '滨河社区网格员',
  },
  {
    openid: 'o_demo_grid_beiducun',
    displayName: '张伟（北渡村网格员）',
    role: 'grid_worker',
    regionCode: '410411007201',
    description: '北渡村网格员：发布村务、财务公开',
  },
  {
    openid: 'o_demo_grid_caozhencun',
    displayName: '杨帆（曹镇村网格员）',
    role: 'grid_worker',
    regionCode: '410411200201',
    description: '曹镇村网格员：发布村务、财务公开（有一条待审核）',
  },
  {
    openid: 'o_demo_grid_liuzhuang',
    displayName: '吴磊（柳庄村网格员）',
    role: 'grid_worker',
    regionCode: '410411200202',
    description: '柳庄村网格员',
  },
  {
    openid: 'o_demo_resident_zhang',
    displayName: '张桂兰',
    role: 'resident',
    regionCode: '410411004001',
    description: '光明社区居民，70多岁，适合体验大字模式',
  },
  {
    openid: 'o_demo_resident_li',
    displayName: '李建国',
    role: 'resident',
    regionCode: '410411006001',
    description: '湛南社区居民：能看到停水紧急通知和公租房资格公示',
  },
  {
    openid: 'o_demo_resident_wang',
    displayName: '王秀英',
    role: 'resident',
    regionCode: '410411200201',
    description: '曹镇村村民：能看到村级财务公开和涉农补贴公示',
  },
  {
    openid: 'o_demo_resident_zhao',
    displayName: '赵磊',
    role: 'resident',
    regionCode: '410411007201',
    description: '北渡村村民：能看到征收土地预公告',
  },
  {
    openid: 'o_demo_resident_new',
    displayName: '居民',
    role: 'resident',
    regionCode: null,
    description: '新用户：还没有选择所在社区或村',
  },
];
