import { render } from 'preact';
import { GuidePage } from '@/components/guide/GuidePage';
import '../../components/shared/page.css';
import '../notice/style.css';
import './style.css';

render(<GuidePage />, document.getElementById('app')!);
