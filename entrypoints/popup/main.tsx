import { render } from 'preact';
render(<p>Portal Guard</p>, document.getElementById('app')!);
