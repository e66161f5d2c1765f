import { useLaunch } from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import { labelH5Chrome } from './lib/h5-chrome';
import { installRemSizing } from './lib/h5-rem';
import { startSession } from './services/auth';
import './app.scss';

// h5: rem base before the first render (replaces Taro's inline script, which CSP blocks).
if (process.env.TARO_ENV === 'h5') installRemSizing();

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined') {
      document.documentElement.lang = 'zh-CN';
      labelH5Chrome();
    }
    // Silent login; pages wait for it through <SessionGate>.
    void startSession();
  });
  return children;
}

export default App;
