// Entry of the console bundle (built by scripts/build-web.mjs, served at /console).
import { render } from 'preact';
import 'uplot/dist/uPlot.min.css';
import './styles.css';
import { App } from './app.tsx';

render(<App />, document.getElementById('app')!);
