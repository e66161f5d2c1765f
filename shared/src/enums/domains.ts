/** The 26 pilot domains of grassroots disclosure (基层政务公开标准化规范化试点领域). */
export const DOMAINS = [
  { code: 'urban_rural_planning', name: '城乡规划' },
  { code: 'major_construction', name: '重大建设项目' },
  { code: 'public_resource_trading', name: '公共资源交易' },
  { code: 'fiscal_budget', name: '财政预决算' },
  { code: 'work_safety', name: '安全生产' },
  { code: 'tax_administration', name: '税收管理' },
  { code: 'rural_land_expropriation', name: '农村集体土地征收' },
  { code: 'urban_housing_expropriation', name: '国有土地上房屋征收与补偿' },
  { code: 'affordable_housing', name: '保障性住房' },
  { code: 'rural_housing_renovation', name: '农村危房改造' },
  { code: 'ecological_environment', name: '生态环境' },
  { code: 'public_culture', name: '公共文化服务' },
  { code: 'public_legal_service', name: '公共法律服务' },
  { code: 'poverty_alleviation', name: '扶贫' },
  { code: 'disaster_relief', name: '救灾' },
  { code: 'food_drug_regulation', name: '食品药品监管' },
  { code: 'urban_law_enforcement', name: '城市综合执法' },
  { code: 'employment', name: '就业' },
  { code: 'social_insurance', name: '社会保险' },
  { code: 'social_assistance', name: '社会救助' },
  { code: 'elderly_care', name: '养老服务' },
  { code: 'household_registration', name: '户籍管理' },
  { code: 'agricultural_subsidy', name: '涉农补贴' },
  { code: 'compulsory_education', name: '义务教育' },
  { code: 'health', name: '卫生健康' },
  { code: 'municipal_service', name: '市政服务' },
] as const;
export type Domain = (typeof DOMAINS)[number]['code'];
export const DOMAIN_CODES = DOMAINS.map((d) => d.code) as unknown as readonly [Domain, ...Domain[]];
export const DOMAIN_LABELS = Object.fromEntries(DOMAINS.map((d) => [d.code, d.name])) as Record<Domain, string>;
