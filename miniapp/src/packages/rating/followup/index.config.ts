export default definePageConfig({
  navigationBarTitleText: '差评核实答复',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
