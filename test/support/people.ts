/** People of the example organisation (examples/organisation.yaml) the tests act as. */

/** 黄敏, director of the office (督办室). */
export const OFFICE = 'p-huang-min';
/** 李建国, leader and head of the leadership group. */
export const GROUP_MEMBER = 'p-li-jianguo';
/** 王红梅, a responsible leader (分管领导) of the leadership group. */
export const LEADER = 'p-wang-hongmei';
/** 谢华, head of town-dongguan (东关街道), a member unit. */
export const DONGGUAN_HEAD = 'p-xie-hua';
/** 于红, staff of town-dongguan. */
export const DONGGUAN_STAFF = 'p-yu-hong';
/** 韩冰, head of town-xicheng (西城街道). */
export const XICHENG_HEAD = 'p-han-bing';
/** 林峰, head of dept-finance (区财政局), a member unit. */
export const FINANCE_HEAD = 'p-lin-feng';
