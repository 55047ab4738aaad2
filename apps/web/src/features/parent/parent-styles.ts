/**
 * The parent page's whole stylesheet, sent inline with the HTML: one request,
 * no JavaScript, readable on a 360 px phone first and at 200 % zoom
 * without scrolling sideways.
 */
export const PARENT_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:#f4f6fa;color:#17202e;font:1rem/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',Arial,sans-serif;overflow-wrap:anywhere}
main{max-width:40rem;margin:0 auto;padding:1rem .75rem 2.5rem}
a{color:#0b57d0;text-underline-offset:2px}
h1{font-size:1.25rem;line-height:1.25;margin:0 0 .125rem}
h2{font-size:1.25rem;line-height:1.3;margin:0}
h3{font-size:1.0625rem;line-height:1.3;margin:0 0 .375rem;display:flex;gap:.5rem;align-items:center}
p{margin:0 0 .5rem}
.school{color:#4a5568;margin-bottom:.5rem}
.lead{margin:0 0 .5rem;font-size:.9375rem}
.summary{list-style:none;margin:0 0 .5rem;padding:.5rem .75rem;background:#fff;border:1px solid #dde3ec;border-radius:12px}
.summary li{margin:.125rem 0}
.summary li.ok::before{content:'\\2713\\00A0';color:#0f5c2e;font-weight:700}
.summary a{font-weight:600}
.classes{list-style:none;margin:1rem 0;padding:0}
.classes li{background:#fff;border:1px solid #dde3ec;border-radius:12px;padding:.625rem .875rem;margin:.5rem 0}
.classes span{display:block;font-size:.9375rem}
.join{margin:.25rem 0 .5rem}
.join a{display:inline-block;background:#0b57d0;color:#fff;text-decoration:none;border-radius:10px;padding:.625rem 1.125rem;min-height:2.75rem;font-weight:600}
.join small{display:block;color:#4a5568;font-size:.875rem;margin-top:.25rem}
.box{background:#fff4e0;color:#5c3100;border:1px solid #f0c27a;border-radius:12px;padding:.5rem .875rem;margin:.75rem 0}
.box>summary{display:block;border:0;border-radius:6px;padding:.25rem 0;min-height:0;color:#5c3100;background:none}
.box ul{margin:0;padding-left:1.25rem}
.box li{margin:.25rem 0}
.free{background:#eef3fd;border:1px solid #c4d4f4;border-radius:12px;padding:.75rem 1rem;margin:1rem 0}
.free h2{font-size:1.0625rem;margin-bottom:.25rem}
.free p{margin:0}
.person,.family{background:#fff;border:1px solid #dde3ec;border-radius:12px;margin:.75rem 0;padding:.75rem .875rem}
.family h2{font-size:1.125rem;margin-bottom:.5rem}
.role{display:block;font-size:.9375rem;font-weight:400;color:#4a5568}
.steps{list-style:none;margin:.5rem 0 0;padding:0}
.step{border-top:1px solid #dde3ec;padding:.25rem 0}
.step.is-next{padding:.625rem 0 .5rem}
.fold>summary{display:flex;gap:.5rem;align-items:center;width:100%;border:0;padding:.5rem 0;color:#17202e;background:none}
.fold>summary::before,.fold[open]>summary::before{content:none}
.fold>summary::after{content:'\\25B8';margin-left:auto;padding-left:.5rem;color:#4a5568}
.fold[open]>summary::after{content:'\\25BE'}
.is-done>details>summary .by{color:#0f5c2e}
.fold>summary .by{font-weight:400}
.num{flex:none;width:1.625rem;height:1.625rem;border-radius:50%;background:#0b57d0;color:#fff;font-size:.875rem;line-height:1.625rem;text-align:center}
.is-done .num{background:#0f5c2e}
.hints{margin:0 0 .5rem;padding-left:1.25rem;color:#4a5568;font-size:.9375rem}
.links{list-style:none;margin:0 0 .5rem;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
.links a{display:inline-block;padding:.25rem 0;font-weight:600}
.school-note{background:#f7f9fc;border-left:4px solid #0b57d0;border-radius:4px;padding:.375rem .625rem;font-size:.9375rem}
.chats{list-style:none;margin:.5rem 0 0;padding:0}
.chat{background:#f7f9fc;border:1px solid #dde3ec;border-radius:10px;padding:.625rem .75rem;margin:.5rem 0}
.chat-name{font-weight:600;margin-bottom:.25rem}
.state{display:inline-block;border-radius:8px;padding:.125rem .5rem;font-size:.9375rem;margin:0 0 .5rem}
.state.ok{background:#e6f4ea;color:#0f5c2e}
.state.bad{background:#fdecea;color:#9b1c1c}
.state.neutral{background:#eceff4;color:#2d3748;font-weight:600}
.optout{margin-top:.75rem}
.optout-form{border-top:1px solid #dde3ec;margin-top:.5rem;padding-top:.75rem}
.by{color:#4a5568;font-size:.875rem}
.notice{border-radius:8px;padding:.375rem .75rem;margin:.25rem 0 .5rem;font-weight:600}
.notice p{margin:0}
.notice p+p{font-weight:400;margin-top:.25rem}
.retry{margin:0 0 .5rem}
.notice.ok{background:#e6f4ea;color:#0f5c2e}
.notice.bad{background:#fdecea;color:#9b1c1c}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-start}
form{margin:0}
button{font:inherit;cursor:pointer;border-radius:10px;border:1px solid #0b57d0;background:#0b57d0;color:#fff;padding:.625rem 1.125rem;min-height:2.75rem;font-weight:600}
button.quiet{background:#fff;color:#0b57d0;border-color:#7b8597;font-weight:500;min-height:2.5rem;padding:.375rem .875rem}
a:focus-visible,button:focus-visible,summary:focus-visible,input:focus-visible,textarea:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
details{flex:0 1 auto}
details[open]{flex-basis:100%}
summary{display:inline-block;cursor:pointer;border:1px solid #7b8597;border-radius:10px;padding:.5rem 1rem;min-height:2.75rem;color:#9b1c1c;background:#fff;font-weight:600;list-style:none}
summary.neutral{color:#2d3748}
summary::-webkit-details-marker{display:none}
summary::before{content:'\\25B8\\00A0'}
details[open]>summary::before{content:'\\25BE\\00A0'}
details[open]>summary{margin-bottom:.5rem}
fieldset{border:0;margin:0;padding:0}
legend{font-weight:600;margin-bottom:.25rem}
.choice{display:flex;gap:.625rem;align-items:flex-start;border:1px solid #dde3ec;border-radius:10px;padding:.5rem .75rem;margin:.375rem 0;background:#fff;cursor:pointer}
.choice input{margin:.3rem 0 0;width:1.125rem;height:1.125rem;flex:none}
.choice small{display:block;color:#4a5568;font-size:.875rem}
.note{display:block;margin:.5rem 0}
textarea{display:block;width:100%;font:inherit;border:1px solid #7b8597;border-radius:8px;padding:.5rem;margin-top:.25rem}
.foot{color:#4a5568;font-size:.9375rem;margin-top:1.5rem}
.vh{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.alone{background:#fff;border:1px solid #dde3ec;border-radius:12px;padding:1.25rem;margin-top:1rem}
.sample{display:inline-block;font:600 1rem/1.5 ui-monospace,Menlo,Consolas,'Liberation Mono',monospace;letter-spacing:.04em}
.code-label{display:block;font-weight:600;font-size:1.125rem;margin-top:.75rem}
.code-page input{display:block;width:100%;font:700 1.75rem/1.2 ui-monospace,Menlo,Consolas,'Liberation Mono',monospace;letter-spacing:.08em;text-transform:uppercase;padding:.5rem .625rem;margin:.25rem 0 .75rem;border:2px solid #6b7689;border-radius:10px;background:#fff;color:#17202e}
.code-page input[aria-invalid]{border-color:#9b1c1c}
.code-page button{width:100%;font-size:1.125rem;margin-bottom:1rem}
`;
