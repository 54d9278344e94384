set encoding utf8
set terminal pngcairo enhanced size 1800,1530 font 'Sans,12'
# outfile is defined by the program that renders the figure; by hand: plot.png
if (!exists("outfile")) outfile = 'plot.png'
set output outfile
set datafile separator comma
set grid
set tmargin 2.5
set key below left Left reverse noenhanced font 'Sans,10' samplen 3 spacing 1.1 maxcols 2 height 1
set offsets graph 0.03, graph 0.03, graph 0.05, graph 0.05
set multiplot layout 2,2 title "strasman24_kl_mixture: Strasman et al. 2024 KL bound with a noise schedule, on Gaussian mixtures\nseed 003 (Strasman et al. 2024, noise-schedule slides), slide 'KL upper bound with minimal hypothesis'; Strasman, Ocello, Boyer, Le Corff, Lemaire, 'An analysis of the noise schedule for\nscore-based generative models', arXiv:2402.04650\nsolid, filled dots: exact KL(data || sampler output)     dashed: bound     red ring: violated" noenhanced font 'Sans,12'
unset logscale
set format x '% h'
set format y '% h'
set autoscale
set xtics autofreq
set ytics autofreq
set xlabel "number of steps N  (pair a = 2, var 0.25; beta_a with a = 2, T = 1, sigma^2 = 1, exact score)" noenhanced
set ylabel "KL(data || sampler output)" noenhanced
set logscale x
set mxtics default
set format x '%g'
set xtics (5, 10, 20, 50, 100, 200, 500)
set autoscale fix
set logscale y
set mytics default
set format y '10^{%L}'
plot 'data.csv' index 0 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#0072B2' title 'em, pair a=2 var=0.25, exp a=2, T=1', \
     '' index 0 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#0072B2' notitle, \
     '' index 0 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 0 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 1 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#E69F00' title 'ei (printed), pair a=2 var=0.25, exp a=2, T=1 (bound shared)', \
     '' index 1 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 1 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 2 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#009E73' title 'eir, pair a=2 var=0.25, exp a=2, T=1 (bound shared)', \
     '' index 2 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 2 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle
unset logscale
set format x '% h'
set format y '% h'
set autoscale
set xtics autofreq
set ytics autofreq
set xlabel "number of steps N  (pair a = 0.3, var 0.91: the moments of pi_inf; beta_a with a = -5, T = 1, sigma^2 = 1)" noenhanced
set ylabel "KL(data || sampler output)" noenhanced
set logscale x
set mxtics default
set format x '%g'
set xtics (5, 10, 20, 50, 100, 200, 500)
set autoscale fix
set logscale y
set mytics default
set format y '10^{%L}'
plot 'data.csv' index 3 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#0072B2' title 'em, pair a=0.3 var=0.91, exp a=-5, T=1', \
     '' index 3 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#0072B2' notitle, \
     '' index 3 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 3 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 4 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#E69F00' title 'ei (printed), pair a=0.3 var=0.91, exp a=-5, T=1 (bound shared)', \
     '' index 4 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 4 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 5 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#009E73' title 'eir, pair a=0.3 var=0.91, exp a=-5, T=1 (bound shared)', \
     '' index 5 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 5 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle
unset logscale
set format x '% h'
set format y '% h'
set autoscale
set xtics autofreq
set ytics autofreq
set xlabel "additive score error eps  (pair a = 2, var 0.25; beta_a with a = 2, T = 1, N = 100)" noenhanced
set ylabel "KL(data || sampler output)" noenhanced
set logscale x
set mxtics default
set format x '%g'
set xtics (0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1)
set autoscale fix
set logscale y
set mytics default
set format y '10^{%L}'
plot 'data.csv' index 6 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#0072B2' title 'ei (printed), pair a=2 var=0.25, exp a=2, T=1, N=100', \
     '' index 6 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#0072B2' notitle, \
     '' index 6 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 6 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 7 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#E69F00' title 'eir, pair a=2 var=0.25, exp a=2, T=1, N=100 (bound shared)', \
     '' index 7 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 7 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle
unset multiplot
