/**
 * The built-in sensitive-word list the comment filter starts from (mint-filter, Aho–Corasick). It is
 * deliberately small and about what a village comment board attracts — gambling, fraud, illegal
 * trade, ads — and complements WeChat's msgSecCheck, which every comment also passes. An office's
 * own list (a file named in the configuration) is a planned addition (docs/consultations.md).
 */
export const BUILT_IN_SENSITIVE_WORDS: readonly string[] = [
  '网络赌博',
  '赌博网站',
  '六合彩',
  '刷单返利',
  '代开发票',
  '办理假证',
  '高利贷',
  '裸聊',
  '枪支出售',
  '出售迷药',
  '加微信领红包',
  '套现',
  '洗钱',
];
