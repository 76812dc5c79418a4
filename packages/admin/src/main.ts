import './aviso-admin.ts';
