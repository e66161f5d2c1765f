import { remRootPx } from './rem-root';

/** h5: set <html> font-size for rem units now and on every resize / rotation. */
export function installRemSizing(): void {
  if (typeof window === 'undefined' || typeof document === 'undefined') return;
  const apply = () => {
    document.documentElement.style.fontSize = `${remRootPx(window.innerWidth, window.innerHeight)}px`;
  };
  apply();
  window.addEventListener('resize', () => {
    apply();
    setTimeout(apply, 500);
  });
}
