export { Notifier, type Happening } from './notifier';
export { smtpMailer, type Mail, type Mailer } from './mailer';
export { changeWatcher } from './watch';
export { peopleIn } from './presence';
export { DeadlineReminders, type ReminderOptions } from './reminders';
