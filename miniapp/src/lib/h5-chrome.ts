/**
 * h5 only: Taro's navigation bar draws its back/home controls as bare <div>s with an SVG.
 * Give them a role, a Chinese name and keyboard access; and keep the tab bar's links quiet
 * under the server's CSP. Runs once at launch (the bar is created
 * before the app mounts; if not, as soon as it appears).
 */
const CONTROLS: Array<[selector: string, label: string]> = [
  ['.taro-navigation-bar-back', '返回上一页'],
  ['.taro-navigation-bar-home', '回到首页'],
];

/** Labels what it finds; true when every control was there. */
function label(root: ParentNode): boolean {
  let found = 0;
  for (const [selector, name] of CONTROLS) {
    root.querySelectorAll<HTMLElement>(selector).forEach((el) => {
      found++;
      if (el.dataset.sbLabelled) return;
      el.dataset.sbLabelled = '1';
      el.setAttribute('role', 'button');
      el.setAttribute('aria-label', name);
      el.setAttribute('tabindex', '0');
      el.querySelector('svg')?.setAttribute('aria-hidden', 'true');
      el.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          el.click();
        }
      });
    });
  }
  return found >= CONTROLS.length;
}

export function labelH5Chrome(): void {
  if (typeof document === 'undefined') return;
  // Tab bar items are <a href="javascript:;">: the CSP (script-src 'self') blocks that URL and
  // logs an error on every tap. Cancel the navigation; Taro's own click handler still switches tabs.
  document.addEventListener(
    'click',
    (e) => {
      const target = e.target as Element | null;
      if (target?.closest?.('a.weui-tabbar__item')) e.preventDefault();
    },
    true,
  );
  if (label(document) || typeof MutationObserver === 'undefined') return;
  const observer = new MutationObserver(() => {
    if (label(document)) observer.disconnect();
  });
  observer.observe(document.body, { childList: true, subtree: true });
}
